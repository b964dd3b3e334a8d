import Foundation
import Testing

@testable import AudiobookCore

/// A short paragraph about someone, or a name said to them, hands them the next turn.
@Suite("Stage: hand-offs and vocatives")
struct HandOffStageTests {
    @Test("a vocative names the addressee: not the speaker, but the likely next speaker")
    func vocatives() throws {
        let script = try AttributionCase("vocatives").script()
        #expect(speaker(of: "Sasha, please", in: script) == "Tessa")
        #expect(speaker(of: "Why, Tessa", in: script) == "Sasha")
        #expect(script.dialogue.first { $0.text.hasPrefix("Why") }?.rule == "vocative")
    }

    @Test("a short action paragraph hands the next untagged turn to the one it is about")
    func actionParagraph() throws {
        let script = try AttributionCase("action-paragraph").script()
        let line = try #require(script.dialogue.last)
        #expect(line.speaker == "Poirot")
        #expect(line.rule == "action-beat")
    }
}

import Foundation
import Testing

@testable import AudiobookCore

/// Narration about one character gives them the quotation.
@Suite("Stage: action beats")
struct ActionBeatStageTests {
    @Test("an action beat: narration about exactly one character")
    func actionBeat() throws {
        let script = try AttributionCase("action-beat").script()
        let line = try #require(script.dialogue.last)
        #expect(line.speaker == "Sasha")
        #expect(line.rule == "action-beat")
    }

    @Test("a name joined by 'and' to one after a preposition is acted upon too")
    func conjoinedObject() throws {
        let script = try AttributionCase("conjoined-object").script()
        #expect(speaker(of: "I've had a splendid time", in: script) == "Tessa")
    }
}

import Foundation
import Testing

@testable import AudiobookCore

/// Unmarked turns alternate.
@Suite("Stage: turn-taking")
struct TurnTakingStageTests {
    @Test("unmarked turns alternate between the two people talking")
    func turnTaking() throws {
        let script = try AttributionCase("turn-taking").script()
        #expect(
            speakers(script) == [
                "Tessa: Is it far?", "Sasha: Not very,", "Tessa: An hour?", "Sasha: Less.", "Tessa: Good.",
            ])
        #expect(script.dialogue[2...].allSatisfy { $0.rule == "turn-taking" })
    }

    @Test(
        "narration between two quotations breaks the alternation: with no one else acting in it, the one before it goes on"
    )
    func alternationBreaksAtNarration() throws {
        let script = try AttributionCase("alternation-breaks-at-narration").script()
        let turn = try #require(script.dialogue.first { $0.text == "An hour?" })
        #expect(turn.speaker == "Tessa")
        #expect(turn.rule == "turn-taking")
        // Across the narration the previous speaker goes on more often than the other answers, and the guess is weaker.
        let across = try #require(script.dialogue.last)
        #expect(across.speaker == "Tessa")
        #expect((across.confidence ?? 1) < (turn.confidence ?? 0))
    }

    @Test("a structural rule does not give a quotation to someone its unresolved tag's pronoun rules out")
    func tagGenderConstraint() throws {
        let script = try AttributionCase("tag-gender-constraint").script()
        #expect(script.dialogue.first?.speaker != "Mr. Bennet")
    }
}

import Testing

@testable import AudiobookCore

/// What nothing else decides: the most prominent fitting character nearby.
@Suite("Stage: salience")
struct SalienceStageTests {
    @Test("a quotation after a long paragraph about one person, who is named only early in it, is theirs, doubtfully")
    func salience() throws {
        let script = try AttributionCase("salience").script()
        let line = try #require(script.dialogue.first)
        #expect(line.speaker == "Mrs. Reed")
        #expect(line.rule == "salience")
        #expect((line.confidence ?? 1) < ScriptTextFormatter().doubtThreshold)
    }
}

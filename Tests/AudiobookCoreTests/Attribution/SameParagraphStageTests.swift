import Testing

@testable import AudiobookCore

/// An untagged quotation beside a tagged one in its paragraph.
@Suite("Stage: the same paragraph")
struct SameParagraphStageTests {
    @Test("an untagged quotation in a paragraph whose other quotation is tagged is the tagged one's speaker's")
    func sameParagraph() throws {
        let script = try AttributionCase("same-paragraph").script()
        #expect(speakers(script) == ["Tessa: Sit anywhere you like.", "Tessa: Tea?"])
        #expect(script.dialogue.first?.rule == "same-paragraph")
    }
}

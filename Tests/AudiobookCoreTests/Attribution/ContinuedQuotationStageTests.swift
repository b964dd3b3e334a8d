import Foundation
import Testing

@testable import AudiobookCore

/// A speech over several paragraphs keeps its speaker.
@Suite("Stage: continued quotations")
struct ContinuedQuotationStageTests {
    @Test("a speech that runs on over paragraphs keeps one speaker, even when its first paragraph is untagged")
    func speechRunsOn() throws {
        let script = try AttributionCase("speech-runs-on").script()
        for start in ["It began", "By the summer", "And by the winter"] {
            #expect(speaker(of: start, in: script) == "Sasha", "\(start)")
        }
    }

    @Test("the paragraphs a tagged speech runs on into keep its speaker, as continued")
    func continuedQuotation() throws {
        let script = try AttributionCase("continued-quotation").script()
        for start in ["Nobody believed", "By the summer", "And by the winter"] {
            #expect(speaker(of: start, in: script) == "Sasha", "\(start)")
        }
        #expect(
            script.dialogue.filter { $0.rule == "continued" }.map(\.text) == [
                "By the summer we knew better.", "And by the winter there was nobody left to believe anything.",
            ])
    }
}

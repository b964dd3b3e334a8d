/// Untagged quotations share the speaker of the nearest decided one in their paragraph.
struct SameParagraphStage: ParagraphStage {
    func decide(_ p: Int, evidence: AttributionEvidence, conversation: Conversation, ledger: inout AttributionLedger) {
        let quotes = evidence.book.quoteSegments[p]
        for s in quotes where ledger[QuoteID(paragraph: p, segment: s)] == nil {
            let decided = quotes.filter { ledger[QuoteID(paragraph: p, segment: $0)]?.speaker != nil }
            guard let nearest = decided.min(by: { abs($0 - s) < abs($1 - s) }),
                let speaker = ledger[QuoteID(paragraph: p, segment: nearest)]?.speaker
            else { continue }
            ledger[QuoteID(paragraph: p, segment: s)] = Attribution(
                speaker: speaker, rule: .sameParagraph,
                confidence: evidence.weights.confidences.sameParagraph)
        }
    }
}

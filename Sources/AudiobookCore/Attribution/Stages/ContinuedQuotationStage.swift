/// A quotation continued from the previous paragraph (it opens without the earlier one closing)
/// keeps its speaker, no surer than they were.
struct ContinuedQuotationStage: ParagraphStage {
    func decide(_ p: Int, evidence: AttributionEvidence, conversation: Conversation, ledger: inout AttributionLedger) {
        guard evidence.book[p].passage.continuesQuotation, let first = evidence.book.quotes(of: p).first,
            ledger[first] == nil,
            let previous = evidence.book.lastQuote(before: p), let attribution = ledger[previous],
            attribution.speaker != nil
        else { return }
        ledger[first] = Attribution(
            speaker: attribution.speaker, rule: .continued,
            confidence: min(attribution.confidence, evidence.weights.confidences.continued))
    }
}

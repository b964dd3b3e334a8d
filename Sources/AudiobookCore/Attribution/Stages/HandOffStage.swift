/// Unmarked turns handed to someone: a short narration paragraph about one person (`Poirot shook
/// his head.`) hands them the turn (`action-beat`); the one the previous speaker addressed by name
/// answers (`vocative`).
struct HandOffStage: ExchangeStage {
    func decide(_ exchange: Exchange, evidence: AttributionEvidence, ledger: inout AttributionLedger) {
        let run = exchange.paragraphs
        let confidences = evidence.weights.confidences
        for (i, p) in run.enumerated() where ledger.speaker(of: p) == nil {
            let acting = Set(exchange.precedingSubjects[p] ?? [])
            if acting.count == 1, let only = acting.first, !evidence.isAddressed(only, in: p),
                i == 0 || only != ledger.speaker(of: run[i - 1]),
                ledger.assign(p, only, .actionBeat, confidence: confidences.handOff, evidence: evidence)
            {
                continue
            }
            guard i >= 1, run[i - 1] == p - 1 else { continue }
            let previousSpeaker = ledger.speaker(of: run[i - 1])
            let addressed = evidence.book.quotes(of: run[i - 1]).flatMap { evidence.vocatives[$0] ?? [] }
            if let named = addressed.first(where: { $0 != previousSpeaker }), !evidence.isAddressed(named, in: p) {
                ledger.assign(p, named, .vocative, confidence: confidences.vocative, evidence: evidence)
            }
        }
    }
}

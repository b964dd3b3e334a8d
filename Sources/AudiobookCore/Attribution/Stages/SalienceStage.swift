/// What is left: the most prominent fitting character nearby (mentions and speakers of the
/// paragraphs before, less those after), else the narrator, else the same person going on.
struct SalienceStage: ExchangeStage {
    func decide(_ exchange: Exchange, evidence: AttributionEvidence, ledger: inout AttributionLedger) {
        let run = exchange.paragraphs
        let weights = evidence.weights.salience
        let confidences = evidence.weights.confidences
        let range = evidence.book.sceneRanges[exchange.scene]
        for (i, p) in run.enumerated() where ledger.speaker(of: p) == nil {
            let previous = i >= 1 ? ledger.speaker(of: run[i - 1]) : nil
            var scores: [CharacterID: Double] = [:]
            // Earlier scenes count too, at a lower weight: people often carry over a scene break.
            for q in stride(from: p, through: max(0, p - weights.paragraphsBefore), by: -1) {
                let weight = (q < range.lowerBound ? weights.earlierSceneWeight : 1) / Double(p - q + 1)
                for mention in evidence.mentions[q] {
                    scores[mention.character, default: 0] += weight * (mention.isSubject ? weights.subjectWeight : 1)
                }
                if q != p, let speaker = ledger.speaker(of: q) {
                    scores[speaker, default: 0] += weight * weights.speakerWeight
                }
            }
            for q in (p + 1)..<min(range.upperBound, p + weights.paragraphsAfter) {
                for mention in evidence.mentions[q] {
                    scores[mention.character, default: 0] += weights.afterWeight / Double(q - p)
                }
            }
            for ref in evidence.book.quotes(of: p) {
                for id in evidence.vocatives[ref] ?? [] { scores[id] = nil }
                for id in evidence.namedInQuote[ref] ?? [] { scores[id] = nil }
            }
            if let previous { scores[previous] = nil }
            let eligible = scores.filter {
                evidence.table.isLikelyPerson($0.key) && evidence.fitsTags($0.key, in: p, undecidedIn: ledger)
            }
            if let best = eligible.best() {
                ledger.assign(p, best.key, .salience, confidence: confidences.salience, evidence: evidence)
            } else if let narrator = evidence.table.narratorID, narrator != previous {
                ledger.assign(p, narrator, .salience, confidence: confidences.salienceAlone, evidence: evidence)
            } else if let previous, !evidence.isAddressed(previous, in: p) {
                // No one else is about: the same person goes on.
                ledger.assign(p, previous, .salience, confidence: confidences.salienceAlone, evidence: evidence)
            }
        }
    }
}

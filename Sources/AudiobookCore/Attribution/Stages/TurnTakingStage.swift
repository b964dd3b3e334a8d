/// Unmarked turns alternate. In a block of adjacent dialogue paragraphs the speaker two back speaks
/// again; a turn next to a decided one still undecided goes to the other person of the exchange, and
/// the block alternates again; what is left alternates across the narration, less surely.
struct TurnTakingStage: ExchangeStage {
    func decide(_ exchange: Exchange, evidence: AttributionEvidence, ledger: inout AttributionLedger) {
        let run = exchange.paragraphs
        let confidences = evidence.weights.confidences
        // Blocks of adjacent paragraphs: narration between two quotations breaks the alternation.
        var blocks: [[Int]] = []
        for p in run {
            if let last = blocks.last?.last, last == p - 1 {
                blocks[blocks.count - 1].append(p)
            } else {
                blocks.append([p])
            }
        }
        for block in blocks {
            alternate(block, confidence: confidences.turnTaking, evidence: evidence, ledger: &ledger)
            var partnered = false
            for i in block.indices where ledger.speaker(of: block[i]) == nil {
                let neighbour = i >= 1 ? ledger.speaker(of: block[i - 1]) : nil
                guard let neighbour,
                    let other = Self.lastSpeaker(in: run, before: block[i - 1], other: neighbour, ledger: ledger),
                    !evidence.isAddressed(other, in: block[i])
                else { continue }
                if ledger.assign(
                    block[i], other, .turnTaking, confidence: confidences.turnTakingPartner, evidence: evidence)
                {
                    partnered = true
                }
            }
            if partnered { alternate(block, confidence: confidences.turnTaking, evidence: evidence, ledger: &ledger) }
        }
        alternate(run, confidence: confidences.turnTakingAcross, evidence: evidence, ledger: &ledger)
    }

    /// The speaker of the last quotation paragraph of `run` before `p` who is not `other`.
    static func lastSpeaker(in run: [Int], before p: Int, other: CharacterID, ledger: AttributionLedger) -> CharacterID?
    {
        guard let end = run.firstIndex(of: p) else { return nil }
        for q in run[..<end].reversed() {
            if let found = ledger.speaker(of: q), found != other { return found }
        }
        return nil
    }

    /// Two back speaks again (or, from the paragraphs after, two ahead), until nothing changes.
    func alternate(_ block: [Int], confidence: Double, evidence: AttributionEvidence, ledger: inout AttributionLedger) {
        let backwardPenalty = evidence.weights.confidences.turnTakingBackwardPenalty
        var changed = true
        while changed {
            changed = false
            for i in block.indices where ledger.speaker(of: block[i]) == nil {
                let p = block[i]
                if i >= 2, let previousSpeaker = ledger.speaker(of: block[i - 1]),
                    let before = ledger.firstSpeaker(of: block[i - 2]) ?? ledger.speaker(of: block[i - 2]),
                    before != previousSpeaker,
                    !evidence.isAddressed(before, in: p)
                {
                    if ledger.assign(p, before, .turnTaking, confidence: confidence, evidence: evidence) {
                        changed = true
                        continue
                    }
                }
                if i + 2 < block.count, let next = ledger.firstSpeaker(of: block[i + 1]),
                    let after = ledger.speaker(of: block[i + 2]),
                    after != next, !evidence.isAddressed(after, in: p)
                {
                    if ledger.assign(
                        p, after, .turnTaking, confidence: confidence - backwardPenalty, evidence: evidence)
                    {
                        changed = true
                    }
                }
            }
        }
    }
}

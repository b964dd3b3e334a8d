/// Naming the scene's narrator: in a first-person scene, a name that others address to the narrator
/// (and the narrator answers), that the narration never uses for someone else and that never speaks
/// in the scene, is the narrator's name there; their lines carry it.
struct SceneNarratorStage: BookStage {
    func decide(_ exchanges: [Exchange], evidence: AttributionEvidence, ledger: inout AttributionLedger) {
        let table = evidence.table
        let book = evidence.book
        guard let narrator = table.narratorID, !table.isFromCast || table[narrator].name == "narrator" else { return }
        for (scene, range) in book.sceneRanges.enumerated() {
            var counts: [CharacterID: Int] = [:]
            var inNarration: Set<CharacterID> = []
            for p in range {
                for mention in evidence.mentions[p] where mention.character != narrator {
                    inNarration.insert(mention.character)
                }
            }
            var narratorSpeaks = false
            // Quotation paragraphs of the scene, so that a name counts only when the narrator answers it.
            let spoken = range.filter { !book.quoteSegments[$0].isEmpty }
            for (k, p) in spoken.enumerated() {
                let besideNarrator =
                    k + 1 < spoken.count && ledger.decisions(in: spoken[k + 1]).contains { $0.speaker == narrator }
                for ref in book.quotes(of: p) {
                    guard let speaker = ledger[ref]?.speaker else { continue }
                    if speaker == narrator {
                        narratorSpeaks = true
                        continue
                    }
                    guard besideNarrator else { continue }
                    for id in evidence.vocatives[ref] ?? []
                    where id != speaker && id != narrator && !inNarration.contains(id) {
                        counts[id, default: 0] += 1
                    }
                }
            }
            guard narratorSpeaks, let best = counts.best() else { continue }
            let speaksInScene = range.contains { p in ledger.decisions(in: p).contains { $0.speaker == best.key } }
            if !speaksInScene { ledger.sceneNarrators[scene] = best.key }
        }
    }
}

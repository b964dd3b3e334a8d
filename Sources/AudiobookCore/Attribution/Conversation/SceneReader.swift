/// Reads a scene in order, keeping the conversation (who spoke last, who the narration is about),
/// runs the paragraph stages on every quotation paragraph, and cuts the scene into exchanges at
/// long stretches of narration.
struct SceneReader {
    let evidence: AttributionEvidence
    let stages: [any ParagraphStage]

    func read(_ scene: Int, ledger: inout AttributionLedger) -> [Exchange] {
        let book = evidence.book
        let memory = evidence.weights.windows.recentSpeakers
        var conversation = Conversation(memory: memory)
        var preceding: [Int: [CharacterID]] = [:]
        var runs: [[Int]] = []
        for p in book.sceneRanges[scene] {
            let passage = book[p]
            let quotes = passage.quoteIndices
            if quotes.isEmpty {
                if passage.narrationWordCount > evidence.weights.windows.conversationBreakWords {
                    if !conversation.paragraphs.isEmpty { runs.append(conversation.paragraphs) }
                    conversation = Conversation(memory: memory)
                    // A long paragraph ends the exchange; the one its last sentence is about may speak next.
                    conversation.narrationSubjects = evidence.lastSentenceSubjects(p)
                } else {
                    conversation.narrationSinceLastQuote += passage.narrationWordCount
                    // Who the paragraph's sentences are about: the subjects it names.
                    conversation.narrationSubjects += evidence.mentions[p]
                        .filter { $0.isSubject && evidence.table.isLikelyPerson($0.character) }.map(\.character)
                }
                continue
            }
            preceding[p] = conversation.narrationSubjects
            for stage in stages { stage.decide(p, evidence: evidence, conversation: conversation, ledger: &ledger) }
            conversation.record(ledger.speaker(of: p))
            conversation.paragraphs.append(p)
            // Narration after the paragraph's last quotation ("…" Elizabeth listened with all the insensibility of distrust)
            // is about who acts next.
            if let last = quotes.last {
                let speaker = conversation.lastSpeaker
                conversation.narrationSubjects = evidence.mentions[p].filter {
                    $0.segment > last && $0.isSubject && $0.character != speaker
                        && evidence.table.isLikelyPerson($0.character)
                }.map(\.character)
                if conversation.narrationSubjects.isEmpty, let goesOn = evidence.speakerGoesOn(p, ledger: ledger) {
                    conversation.narrationSubjects = [goesOn]
                }
            }
        }
        if !conversation.paragraphs.isEmpty { runs.append(conversation.paragraphs) }
        return runs.map { run in
            Exchange(
                scene: scene, paragraphs: run,
                precedingSubjects: Dictionary(
                    uniqueKeysWithValues: run.compactMap { p in preceding[p].map { (p, $0) } }))
        }
    }
}

/// A paragraph nothing else decided, whose narration is about one character (`Sasha shook her
/// head. "Not yet."`): theirs. With several named, the subject opening the paragraph; with none,
/// a leading `He …` / `She …` resolved like a pronoun.
struct ActionBeatStage: ParagraphStage {
    func decide(_ p: Int, evidence: AttributionEvidence, conversation: Conversation, ledger: inout AttributionLedger) {
        guard !ledger.hasDecision(in: p), let speaker = Self.speaker(p, evidence: evidence, conversation: conversation)
        else { return }
        for ref in evidence.book.quotes(of: p) {
            ledger[ref] = Attribution(speaker: speaker.id, rule: .actionBeat, confidence: speaker.confidence)
        }
    }

    static func speaker(_ p: Int, evidence: AttributionEvidence, conversation: Conversation) -> ScoredSpeaker? {
        let passage = evidence.book[p]
        let quotes = evidence.book.quotes(of: p)
        let confidences = evidence.weights.confidences
        let addressed = Set(quotes.flatMap { evidence.vocatives[$0] ?? [] })
        let mentions = evidence.mentions[p]
        // Someone named after a preposition ("She turned to Elizabeth") is acted upon, not acting.
        let named = Set(mentions.filter { !$0.isObject }.map(\.character).filter(evidence.table.isLikelyPerson))
            .subtracting(addressed)
        if named.count == 1, let only = named.first {
            return ScoredSpeaker(id: only, confidence: confidences.actionBeat)
        }
        if named.count > 1 {
            // Several people named: the subject of the narration's first sentence acts.
            if let first = mentions.first(where: { $0.isSubject && !addressed.contains($0.character) }),
                first.token == 0
            {
                return ScoredSpeaker(id: first.character, confidence: confidences.actionBeatFirstSubject)
            }
            return nil
        }
        // No one named: a leading "He …" / "She …" points to the nearest fitting character.
        guard let segment = passage.segments.indices.first(where: { !passage.segments[$0].isQuote }),
            let token = passage.tokens[segment].first, let gender = NameLexicon.subjectPronouns[token.lower],
            let first = quotes.first
        else { return nil }
        let pronouns = PronounResolver(evidence: evidence, conversation: conversation)
        guard let id = pronouns.resolve(gender, at: first, continues: false)?.id else { return nil }
        return ScoredSpeaker(id: id, confidence: confidences.actionBeatPronoun)
    }
}

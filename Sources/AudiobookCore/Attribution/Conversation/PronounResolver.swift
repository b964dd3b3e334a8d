/// The character a pronoun (`he said`, or a description resolved like one) means at a quotation,
/// and how sure that is: someone named acting in the paragraph, then the one the narration since
/// the last quotation is about, then the one the last speaker addressed, then the last speaker
/// going on, then the other person of the exchange, then the last mentioned nearby. Never someone
/// named inside the quotation.
struct PronounResolver {
    let evidence: AttributionEvidence
    let conversation: Conversation

    /// Characters whose gender is known and fits first; then those whose gender is unknown.
    func resolve(_ gender: Gender, at ref: QuoteID, continues: Bool) -> ScoredSpeaker? {
        if let found = resolve(gender, at: ref, continues: continues, strict: true) { return found }
        guard gender != .unknown, let found = resolve(gender, at: ref, continues: continues, strict: false) else {
            return nil
        }
        return ScoredSpeaker(
            id: found.id, confidence: found.confidence - evidence.weights.confidences.pronounUnknownGenderPenalty)
    }

    func resolve(_ gender: Gender, at ref: QuoteID, continues: Bool, strict: Bool) -> ScoredSpeaker? {
        let table = evidence.table
        let confidences = evidence.weights.confidences
        let addressed = Set(evidence.vocatives[ref] ?? []).union(evidence.namedInQuote[ref] ?? [])
        func allowed(_ id: CharacterID) -> Bool {
            let known = table[id].gender
            let genderFits = strict ? table.fits(id, gender) : (known == .unknown || known == gender)
            return genderFits && !addressed.contains(id) && !table[id].isNarrator
        }
        // Named in this paragraph before the quotation, acting rather than acted upon.
        let here = evidence.mentions[ref.paragraph].filter {
            $0.segment < ref.segment && !$0.isObject && allowed($0.character)
        }
        if let subject = here.last(where: \.isSubject) ?? here.last {
            return ScoredSpeaker(id: subject.character, confidence: confidences.pronounNear)
        }
        let previous = conversation.lastSpeaker
        // The one a short narration paragraph since the last quotation is about ("Mrs. Bennet was profuse in her acknowledgments.").
        if let acting = conversation.narrationSubjects.last(where: allowed) {
            return ScoredSpeaker(id: acting, confidence: confidences.pronounNear)
        }
        // The one the previous speaker addressed by name answers.
        if let lastQuote = evidence.book.lastQuote(before: ref.paragraph),
            lastQuote.paragraph == conversation.paragraphs.last,
            let addressed = evidence.vocatives[lastQuote]?.last(where: { $0 != previous && allowed($0) })
        {
            return ScoredSpeaker(id: addressed, confidence: confidences.pronounNear)
        }
        if continues, let previous, allowed(previous) {
            return ScoredSpeaker(id: previous, confidence: confidences.pronounNear)
        }
        // The other participant of the exchange.
        if let other = conversation.recentSpeakers.reversed().first(where: { $0 != previous && allowed($0) }),
            conversation.narrationSinceLastQuote < evidence.weights.windows.otherParticipantWords
        {
            if gender != .unknown || conversation.recentSpeakers.count >= 2 {
                return ScoredSpeaker(id: other, confidence: confidences.pronounOtherParticipant)
            }
        }
        // The nearest earlier mention.
        let start = evidence.book.sceneRange(of: ref.paragraph).lowerBound
        for p in stride(
            from: ref.paragraph - 1, through: max(start, ref.paragraph - evidence.weights.windows.pronounParagraphs),
            by: -1)
        {
            let candidates = evidence.mentions[p].filter { allowed($0.character) && $0.character != previous }
            if let subject = candidates.last(where: \.isSubject) ?? candidates.last {
                return ScoredSpeaker(id: subject.character, confidence: confidences.pronounNearby)
            }
        }
        if let previous, allowed(previous), gender != .unknown {
            return ScoredSpeaker(id: previous, confidence: confidences.pronounNearby)
        }
        return nil
    }
}

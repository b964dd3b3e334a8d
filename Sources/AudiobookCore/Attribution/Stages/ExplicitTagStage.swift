/// Tagged quotations: `said Tessa` (`speech-verb`), `I said` (`first-person`), `she whispered`
/// (`pronoun`, resolved against the conversation) and `cried his wife`, `said the doctor`
/// (`description`: the other, a relative, an epithet, a cast entry, else like a pronoun).
struct ExplicitTagStage: ParagraphStage {
    func decide(_ p: Int, evidence: AttributionEvidence, conversation: Conversation, ledger: inout AttributionLedger) {
        for ref in evidence.book.quotes(of: p) {
            guard let tag = evidence.tags[ref] else { continue }
            if let attribution = Self.resolve(tag, at: ref, evidence: evidence, conversation: conversation) {
                ledger[ref] = attribution
            }
        }
    }

    /// Turns a tag into an attribution, resolving pronouns and descriptions against the conversation.
    static func resolve(
        _ tag: SpeechTag, at ref: QuoteID, evidence: AttributionEvidence, conversation: Conversation
    ) -> Attribution? {
        let confidences = evidence.weights.confidences
        let table = evidence.table
        let weakPenalty = tag.isWeak ? confidences.weakTagPenalty : 0
        let pronouns = PronounResolver(evidence: evidence, conversation: conversation)
        func decided(_ id: CharacterID, _ rule: AttributionRule, _ confidence: Double) -> Attribution {
            Attribution(speaker: id, rule: rule, confidence: confidence - weakPenalty)
        }
        switch tag.subject {
        case .name(let form):
            guard let id = table.lookUp(form) ?? evidence.disambiguate(form, at: ref) else { return nil }
            return decided(id, .speechVerb, confidences.speechVerb)
        case .firstPerson:
            guard let narrator = table.narratorID else { return nil }
            return decided(narrator, .firstPerson, confidences.firstPerson)
        case .pronoun(let gender):
            guard let found = pronouns.resolve(gender, at: ref, continues: tag.continuesSpeaker) else { return nil }
            return decided(found.id, .pronoun, found.confidence)
        case .description(let phrase, let gender):
            let addressed = evidence.vocatives[ref] ?? []
            // "the other", "the other man": the one of the exchange who did not speak last.
            if phrase.split(separator: " ").contains("other"), let previous = conversation.lastSpeaker,
                let other = conversation.recentSpeakers.reversed().first(where: {
                    $0 != previous && table.fits($0, gender) && !addressed.contains($0)
                })
            {
                return decided(other, .description, confidences.description)
            }
            // "his wife", "her husband": the spouse of the man or woman the possessive points to.
            if let id = RelativeDescription.person(phrase, at: ref, evidence: evidence, conversation: conversation) {
                return decided(id, .description, confidences.relative)
            }
            // An epithet the book uses for someone taking part in this scene (or named in the next); not the one who
            // just spoke, unless narration came between, the tag says they go on, or the epithet is also a cast
            // entry's (which the scene means by it).
            if let id = evidence.epithets[phrase], !table.isCastAlias(phrase),
                evidence.mayBeInScene(id, at: ref.paragraph), !addressed.contains(id),
                id != conversation.lastSpeaker || tag.continuesSpeaker || conversation.narrationSinceLastQuote > 0
                    || table.resolve(phrase) != nil
            {
                return decided(id, .description, confidences.epithet)
            }
            // An epithet a cast lists as someone's alias ("the beadle", "a page", "nanny"), with or without
            // the words that follow its noun ("the gentleman in the white waistcoat") or its article; never
            // cut short of its noun ("the young girl" is not "the young").
            if table.isFromCast, !RelativeDescription.isPossessive(phrase) {
                let words = phrase.split(separator: " ").map(String.init)
                let noun = words.firstIndex { SpeechTagParser.qualifiers.contains($0) } ?? words.count
                var forms = noun < words.count ? [phrase, words[..<noun].joined(separator: " ")] : [phrase]
                forms += forms.compactMap { form in
                    ["the ", "a ", "an "].first { form.hasPrefix($0) }.map { String(form.dropFirst($0.count)) }
                }
                for form in forms {
                    if let id = table.resolve(form) { return decided(id, .speechVerb, confidences.speechVerb) }
                }
            }
            if let id = evidence.castDescriptions[ref] { return decided(id, .description, confidences.castDescription) }
            guard let found = pronouns.resolve(gender, at: ref, continues: tag.continuesSpeaker) else {
                // No one of the scene fits: the one the book calls so elsewhere (a scene that says only "the girl").
                guard let id = evidence.epithets[phrase], !addressed.contains(id) else { return nil }
                return decided(id, .description, confidences.description)
            }
            return decided(found.id, .description, min(found.confidence, confidences.description))
        }
    }
}

/// `his wife` / `his lady` / `her mother` is Mrs. and `her husband` / `her father` is Mr. with the
/// surname of the one the possessive points to: the one the quotation addresses by name, else
/// named in the paragraph, else the last speaker, else named shortly before; when the book has
/// such a character.
enum RelativeDescription {
    /// Relational nouns and the honorific of the person they name.
    static let relatives: [String: String] = [
        "wife": "Mrs.", "lady": "Mrs.", "mother": "Mrs.", "husband": "Mr.", "father": "Mr.",
    ]

    /// A description opening with a possessive ("his wife", "her ladyship"): said of someone else.
    static func isPossessive(_ phrase: String) -> Bool {
        ["his ", "her ", "my ", "their ", "our ", "your ", "its "].contains { phrase.hasPrefix($0) }
    }

    static func person(
        _ phrase: String, at ref: QuoteID, evidence: AttributionEvidence, conversation: Conversation
    ) -> CharacterID? {
        let table = evidence.table
        let words = phrase.split(separator: " ").map(String.init)
        guard words.count == 2, let possessive = ["his": Gender.male, "her": Gender.female][words[0]],
            let honorific = relatives[words[1]]
        else { return nil }
        // "Lizzy," cried her mother: the one addressed; else one named in the paragraph, the last speaker, one named shortly before.
        let quotes = [ref.segment] + evidence.book.quoteSegments[ref.paragraph].filter { $0 != ref.segment }
        var possessors = quotes.flatMap { evidence.vocatives[QuoteID(paragraph: ref.paragraph, segment: $0)] ?? [] }
            .filter { table[$0].gender == possessive }
        let mentions = evidence.mentions
        if let here = mentions[ref.paragraph].last(where: {
            $0.segment <= ref.segment + 1 && table[$0.character].gender == possessive
        }) {
            possessors.append(here.character)
        } else if let previous = conversation.lastSpeaker, table[previous].gender == possessive {
            possessors.append(previous)
        } else {
            let start = max(
                evidence.book.sceneRange(of: ref.paragraph).lowerBound,
                ref.paragraph - evidence.weights.windows.relativeParagraphs)
            for p in stride(from: ref.paragraph - 1, through: start, by: -1) {
                if let found = mentions[p].last(where: { table[$0.character].gender == possessive }) {
                    possessors.append(found.character)
                    break
                }
            }
        }
        for possessor in possessors {
            if let surname = evidence.familyNames.surname(of: possessor, in: table),
                let id = table.resolve("\(honorific) \(surname)"),
                id != possessor
            {
                return id
            }
        }
        return nil
    }
}

/// What is known before any speaker is chosen: the book's paragraphs, their speech tags, the
/// characters and their family names, who each paragraph names and addresses, the epithets the
/// book uses and, with a cast, the descriptions that match its entries. Built once, in this order,
/// by the named builders; every stage reads it and none changes it.
struct AttributionEvidence: Sendable {
    let book: BookPassages
    let weights: AttributionWeights
    /// The speech tag of each tagged quotation.
    let tags: [QuoteID: SpeechTag]
    let table: CharacterTable
    /// The book is told in the first person: `I` in narration is the narrator.
    let isFirstPerson: Bool
    let familyNames: FamilyNames
    /// Per paragraph: the characters its narration names, in order.
    let mentions: [[Mention]]
    /// Per scene: the characters named in its speech tags.
    let namedSpeakers: [Set<CharacterID>]
    /// Per quotation: those it addresses by name, or its tag says it is said to.
    let vocatives: [QuoteID: [CharacterID]]
    /// Per quotation: the characters it names (addressed or spoken of).
    let namedInQuote: [QuoteID: Set<CharacterID>]
    /// Per quotation: the character whose name its speaker gives as their own ("My name is Oliver").
    let ownNames: [QuoteID: CharacterID]
    /// Epithets ("the doctor") that stand for one character.
    let epithets: [String: CharacterID]
    /// With a cast: description tags that match an entry described the same way.
    let castDescriptions: [QuoteID: CharacterID]

    init(book: BookPassages, cast: CastFile?, weights: AttributionWeights) {
        self.book = book
        self.weights = weights
        tags = SpeechTagFinder.tags(in: book)
        (table, isFirstPerson) = CharacterTableBuilder.table(
            book: book, tags: tags, cast: cast, weights: weights.firstPerson)
        familyNames = FamilyNames(book: book, table: table)
        let found = MentionFinder(
            book: book, tags: tags, table: table, isFirstPerson: isFirstPerson, familyNames: familyNames
        ).find()
        mentions = found.mentions
        namedSpeakers = found.namedSpeakers
        vocatives = found.vocatives
        namedInQuote = found.namedInQuote
        ownNames = found.ownNames
        epithets = EpithetLearner(
            book: book, tags: tags, table: table, namedSpeakers: namedSpeakers, weights: weights.epithets
        ).epithets()
        castDescriptions = CastDescriptionMatcher.matches(tags: tags, table: table, book: book)
    }

    /// A name several characters share ("Bennet"): the one most recently mentioned.
    func disambiguate(_ form: String, at ref: QuoteID) -> CharacterID? {
        let candidates = table.candidates(form)
        guard candidates.count > 1 else { return nil }
        for p in stride(
            from: ref.paragraph, through: max(0, ref.paragraph - weights.windows.disambiguationParagraphs), by: -1)
        {
            if let found = mentions[p].last(where: { candidates.contains($0.character) }) { return found.character }
        }
        return nil
    }

    /// Whether an epithet at paragraph `p` may mean the character: the scene names them in a speech tag or
    /// its narration (a stranger called `the doctor` may be named only later in it), or the next scene does
    /// (a stranger described before the story names him).
    func mayBeInScene(_ id: CharacterID, at p: Int) -> Bool {
        let scene = book.sceneOfPassage[p]
        return [scene, scene + 1].contains { scene in
            scene < book.sceneRanges.count
                && (namedSpeakers[scene].contains(id)
                    || book.sceneRanges[scene].contains { mentions[$0].contains { $0.character == id } })
        }
    }

    /// The characters named as subjects in the last sentence of a narration paragraph.
    func lastSentenceSubjects(_ p: Int) -> [CharacterID] {
        guard let segment = book[p].tokens.indices.last else { return [] }
        let tokens = book[p].tokens[segment]
        var start = tokens.count - 1
        while start > 0, tokens[start - 1].kind != .stop { start -= 1 }
        return mentions[p].filter {
            $0.segment == segment && $0.token >= start && $0.isSubject && table.isLikelyPerson($0.character)
        }
        .map(\.character)
    }

    /// Whether a paragraph's quotations name the character (addressed or talked about).
    func isAddressed(_ id: CharacterID, in p: Int) -> Bool {
        book.quotes(of: p).contains { (vocatives[$0] ?? []).contains(id) || (namedInQuote[$0] ?? []).contains(id) }
    }

    /// The gender the pronoun or description tags of paragraph `p` give its speaker, when they give one.
    func tagGender(_ p: Int) -> Gender? {
        book.quotes(of: p).lazy.compactMap { self.tags[$0]?.gender }.first
    }

    /// Whether every quotation of paragraph `p` is a thought (`thought Alice`): no turn in an exchange.
    func isThought(_ p: Int) -> Bool {
        book.quotes(of: p).allSatisfy { tags[$0]?.isThought == true }
    }

    /// Whether a character fits the gender of the pronoun or description tags of a paragraph's quotations
    /// that the ledger has not decided (all of them, without a ledger).
    func fitsTags(_ id: CharacterID, in p: Int, undecidedIn ledger: AttributionLedger? = nil) -> Bool {
        let known = table[id].gender
        guard known != .unknown else { return true }
        for ref in book.quotes(of: p) where ledger?[ref] == nil {
            if let gender = tags[ref]?.gender, gender != known { return false }
        }
        return true
    }

    /// The speaker of paragraph `p` when its narration goes on about them after its last quotation
    /// ("…I find my hookah an invaluable sedative." He applied a taper to the bowl.).
    func speakerGoesOn(_ p: Int, ledger: AttributionLedger) -> CharacterID? {
        let passage = book[p]
        guard let last = passage.quoteIndices.last, last + 1 < passage.segments.count,
            let first = passage.tokens[last + 1].first,
            first.isCapitalized, let gender = NameLexicon.subjectPronouns[first.lower],
            let speaker = ledger.speaker(of: p),
            table[speaker].gender == gender
        else { return nil }
        return speaker
    }
}

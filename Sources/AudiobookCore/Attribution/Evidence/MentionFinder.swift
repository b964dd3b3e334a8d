/// Who each paragraph names: characters in its narration (and `I` in a first-person book), who its
/// quotations address or talk about, whose name a speaker gives as their own, and per scene, who
/// its speech tags name.
struct MentionFinder {
    /// What was found.
    struct Found {
        var mentions: [[Mention]] = []
        var namedSpeakers: [Set<CharacterID>] = []
        var vocatives: [QuoteID: [CharacterID]] = [:]
        var namedInQuote: [QuoteID: Set<CharacterID>] = [:]
        var ownNames: [QuoteID: CharacterID] = [:]
    }

    let book: BookPassages
    let tags: [QuoteID: SpeechTag]
    let table: CharacterTable
    let isFirstPerson: Bool
    let familyNames: FamilyNames

    func find() -> Found {
        var found = Found()
        found.mentions = book.passages.map(narrationMentions)
        found.namedSpeakers = Array(repeating: [], count: book.sceneRanges.count)
        for (ref, tag) in tags {
            if case .name(let form) = tag.subject, let id = table.lookUp(form) {
                found.namedSpeakers[book.sceneOfPassage[ref.paragraph]].insert(id)
            }
        }
        // Those each scene shows taking part, for telling whom a family name is said to: acting in its
        // narration, or speaking under their name.
        let sceneNames = book.sceneRanges.indices.map { scene in
            found.namedSpeakers[scene].union(
                book.sceneRanges[scene].flatMap { found.mentions[$0].filter(\.isSubject).map(\.character) })
        }
        for (p, passage) in book.passages.enumerated() {
            let saysThatIsMyName = passage.quoteIndices.contains { Vocatives.saysThatIsMyName(passage.tokens[$0]) }
            for s in passage.segments.indices where passage.segments[s].isQuote {
                let ref = QuoteID(paragraph: p, segment: s)
                // Addressed by name in the quotation, or in its tag: `said the young gentleman to Oliver`.
                let ids =
                    Vocatives.names(in: passage.tokens[s]).compactMap { span in
                        table.lookUp(span.form).map {
                            addressee($0, called: span.form, sceneNames: sceneNames[book.sceneOfPassage[p]])
                        }
                    } + tagAddressees(p, quote: s)
                if !ids.isEmpty { found.vocatives[ref] = ids }
                // Anyone named in a quotation: speakers seldom name themselves, unless they give their name.
                var named = Set(NameSpan.all(in: passage.tokens[s]).compactMap { table.lookUp($0.form) })
                if let own = Vocatives.ownName(in: passage.tokens[s], saysThatIsMyName: saysThatIsMyName),
                    let id = table.lookUp(own.form)
                {
                    found.ownNames[ref] = id
                    named.remove(id)
                    found.vocatives[ref]?.removeAll { $0 == id }
                }
                if !named.isEmpty { found.namedInQuote[ref] = named }
            }
        }
        return found
    }

    /// The characters named in a paragraph's narration, in order.
    func narrationMentions(_ passage: AnalyzedPassage) -> [Mention] {
        var found: [Mention] = []
        for (s, tokens) in passage.tokens.enumerated() where !passage.segments[s].isQuote {
            var lastObjectEnd = -1
            for span in NameSpan.all(in: tokens) {
                guard let id = table.lookUp(span.form) else { continue }
                // After a preposition, or joined by `and`/`or` to a name after one ("between Matthew and Marilla").
                let previous = span.start > 0 ? tokens[span.start - 1].lower : ""
                let isObject =
                    SpeechTagParser.prepositions.contains(previous)
                    || (["and", "or"].contains(previous) && lastObjectEnd == span.start - 1)
                if isObject { lastObjectEnd = span.end }
                let role: Mention.Role =
                    isObject ? .object : MentionFinder.isSubjectPosition(span.start, in: tokens) ? .subject : .other
                found.append(Mention(character: id, segment: s, token: span.start, role: role))
            }
            if isFirstPerson, let narrator = table.narratorID {
                for (t, token) in tokens.enumerated() where token.text == "I" {
                    found.append(Mention(character: narrator, segment: s, token: t, role: .subject))
                }
            }
        }
        return found.sorted { ($0.segment, $0.token) < ($1.segment, $1.token) }
    }

    /// A name at the start of a sentence or clause, or after `and`, is likely a subject.
    static func isSubjectPosition(_ index: Int, in tokens: [Token]) -> Bool {
        if index == 0 { return true }
        let previous = tokens[index - 1]
        return previous.kind != .word || ["and", "but", "then", "while", "when", "as"].contains(previous.lower)
    }

    /// Who "Miss Bennet" is when said to someone: a family name with an honorific may be said to any
    /// daughter (or son) of the family. When the name's own bearer takes no part in the scene (never
    /// named in its narration, `named`), it is the one of that family and standing the scene names,
    /// if there is exactly one; else the bearer.
    func addressee(_ id: CharacterID, called form: String, sceneNames named: Set<CharacterID>) -> CharacterID {
        let words = form.split(separator: " ").map(String.init)
        guard words.count == 2, let gender = NameLexicon.honorifics[words[0].lowercased()], !named.contains(id) else {
            return id
        }
        // Of the family and of the same standing: not "Mrs. Bennet" for "Miss Bennet".
        let family = named.filter { other in
            other != id && table[other].gender == gender && familyNames.surname(of: other, in: table) == words[1]
                && !table[other].forms.keys.contains {
                    $0.hasSuffix(" " + words[1]) && !$0.hasPrefix(words[0])
                        && NameLexicon.isHonorific(String($0.split(separator: " ")[0]).lowercased())
                }
        }
        return family.count == 1 ? family.first ?? id : id
    }

    /// The people a speech tag next to quotation `s` of paragraph `p` says it is spoken to:
    /// a name after `to` that follows a speech verb in the tag's sentence ("…," said Mr. Bumble to the matron).
    func tagAddressees(_ p: Int, quote s: Int) -> [CharacterID] {
        let passage = book[p]
        var sentences: [ArraySlice<Token>] = []
        if s + 1 < passage.segments.count, !passage.segments[s + 1].isQuote {
            let tokens = passage.tokens[s + 1]
            sentences.append(tokens[..<(tokens.firstIndex { $0.kind == .stop } ?? tokens.count)])
        }
        if s >= 1, !passage.segments[s - 1].isQuote {
            // The last sentence of the narration before, with or without its closing stop.
            let tokens = passage.tokens[s - 1]
            let body = tokens.last?.kind == .stop ? tokens.dropLast() : tokens[...]
            sentences.append(body[((body.lastIndex { $0.kind == .stop }).map { $0 + 1 } ?? body.startIndex)...])
        }
        var found: [CharacterID] = []
        for sentence in sentences {
            let words = Array(sentence)
            guard let verb = words.firstIndex(where: { $0.isWord && SpeechVerbs.base(of: $0.lower) != nil }) else {
                continue
            }
            for index in (verb + 1)..<max(verb + 1, words.count - 1) where words[index].lower == "to" {
                if let name = NameSpan.at(words, index + 1), let id = table.lookUp(name.form) { found.append(id) }
            }
        }
        return found
    }
}

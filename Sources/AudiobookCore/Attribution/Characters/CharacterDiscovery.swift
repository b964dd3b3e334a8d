/// Finds the characters of a book without a cast: names in speech tags and
/// vocatives, names after honorifics, and names the narration keeps using;
/// then merges the forms that name one person and works out genders.
struct CharacterDiscovery {
    struct FormStats {
        var count = 0
        var midSentence = 0
        var tags = 0
        var vocatives = 0
        var male = 0
        var female = 0
        var hasHonorific = false
        /// After `at`, `in`, `to`, `from`…: a place more likely than a person.
        var afterPreposition = 0

        func merged(with other: FormStats) -> FormStats {
            FormStats(
                count: count + other.count, midSentence: midSentence + other.midSentence, tags: tags + other.tags,
                vocatives: vocatives + other.vocatives, male: male + other.male, female: female + other.female,
                hasHonorific: hasHonorific || other.hasHonorific,
                afterPreposition: afterPreposition + other.afterPreposition)
        }
    }

    static let placePrepositions: Set<String> = [
        "at", "in", "into", "near", "towards", "toward", "through", "beyond", "across", "reach", "reached", "visit",
        "visited",
    ]

    /// How often each word appears in lower case: `Rose` is a name only if `rose` is rare.
    var lowercaseCounts: [String: Int] = [:]
    var stats: [String: FormStats] = [:]

    /// Gathers evidence from every passage; `tagNames` are the names found as subjects of speech tags.
    mutating func scan(_ passages: [AnalyzedPassage], tagNames: [String]) {
        var narration: [[Token]] = passages.map { passage in
            var tokens: [Token] = []
            for (segmentIndex, segment) in passage.tokens.enumerated() where !passage.segments[segmentIndex].isQuote {
                tokens += segment
                tokens.append(Token(text: ",", kind: .pause, startsSentence: false))
            }
            return tokens
        }
        for (index, passage) in passages.enumerated() {
            for (segmentIndex, tokens) in passage.tokens.enumerated() {
                for token in tokens where token.isWord && !token.isCapitalized {
                    lowercaseCounts[token.lower, default: 0] += 1
                }
                if passage.segments[segmentIndex].isQuote {
                    // Names that address someone, and a name said alone ("What's your name?" "Theo.").
                    for span in Vocatives.names(in: tokens) + (Vocatives.nameAlone(in: tokens).map { [$0] } ?? []) {
                        stats[span.form, default: FormStats()].vocatives += 1
                    }
                }
            }
            // Pronoun evidence may lie in the next paragraph's tag ("…," she said).
            let next = index + 1 < narration.count ? narration[index + 1].prefix(12) : []
            scanNarration(narration[index], followedBy: Array(next))
        }
        narration.removeAll()
        for name in tagNames { stats[name, default: FormStats()].tags += 1 }
        var trimmed: [String: FormStats] = [:]
        for (form, entry) in stats {
            let key = CharacterDiscovery.trimCommonWords(form, lowercaseCounts: lowercaseCounts)
            trimmed[key] = trimmed[key].map { $0.merged(with: entry) } ?? entry
        }
        stats = trimmed
    }

    /// Drops leading words the book also writes in lower case ("Somehow Anne" is "Anne").
    static func trimCommonWords(_ form: String, lowercaseCounts: [String: Int]) -> String {
        var words = form.split(separator: " ")
        while words.count > 1, let first = words.first, first != "the", !NameLexicon.isHonorific(first.lowercased()),
            lowercaseCounts[first.lowercased(), default: 0] > 0
        {
            words.removeFirst()
        }
        return words.joined(separator: " ")
    }

    mutating func scanNarration(_ own: [Token], followedBy next: [Token]) {
        let spans = NameSpan.all(in: own)
        let tokens = own + next
        for (position, span) in spans.enumerated() {
            var entry = stats[span.form, default: FormStats()]
            entry.count += 1
            if !span.atSentenceStart { entry.midSentence += 1 }
            if span.start > 0, CharacterDiscovery.placePrepositions.contains(tokens[span.start - 1].lower) {
                entry.afterPreposition += 1
            }
            entry.hasHonorific = entry.hasHonorific || span.hasHonorific
            // The first third-person pronoun after a name, before another name, hints at its gender.
            let limit = position + 1 < spans.count ? spans[position + 1].start : tokens.count
            var stops = 0
            var cursor = span.end
            while cursor < min(limit, span.end + 20), stops < 2 {
                let token = tokens[cursor]
                if token.kind == .stop { stops += 1 }
                if NameLexicon.malePronouns.contains(token.lower) {
                    entry.male += 1
                    break
                }
                if NameLexicon.femalePronouns.contains(token.lower) {
                    entry.female += 1
                    break
                }
                cursor += 1
            }
            stats[span.form] = entry
        }
    }

    /// Whether a form is used as a name rather than a capitalised common word.
    func isName(_ form: String, _ entry: FormStats) -> Bool {
        // Most mentions after "at", "to", "from": a place ("at Longbourn", "to Meryton").
        if !entry.hasHonorific, entry.afterPreposition * 3 >= entry.count, entry.count >= 3 { return false }
        let words = form.split(separator: " ").filter { $0 != "the" && $0 != "of" }
        let lastLower = words.last.map { $0.lowercased() } ?? ""
        let common = words.count == 1 ? lowercaseCounts[lastLower, default: 0] : 0
        if entry.tags > 0 { return entry.tags * 2 + entry.midSentence >= common / 2 || entry.tags >= 3 }
        if entry.hasHonorific { return entry.count >= 2 || NameParts(form).words.count == 1 }
        if form.hasPrefix("the ") || common > 0 { return false }
        if entry.vocatives >= 1, entry.midSentence >= 1 { return true }
        if entry.vocatives >= 3 { return true }
        // A participle or adverb opening sentences ("Judging from his face, he…") is no one.
        if words.count == 1, entry.midSentence == 0, lastLower.count > 5,
            lastLower.hasSuffix("ing") || lastLower.hasSuffix("ly")
        {
            return false
        }
        // A capitalised word never written in lower case, used like a person: "Tessa comes in. She…"
        return entry.midSentence >= 2 || (entry.count >= 1 && entry.male + entry.female >= 1)
    }

    /// Builds the character table, merging forms that name one person.
    func table(firstPerson: Bool) -> CharacterTable {
        var table = CharacterTable()
        let accepted = stats.filter { isName($0.key, $0.value) }
        // Longest forms first, so that "Elizabeth Bennet" exists before "Elizabeth" looks for it.
        let ordered = accepted.sorted { lhs, rhs in
            let left = NameParts(lhs.key)
            let right = NameParts(rhs.key)
            if left.rank != right.rank { return left.rank > right.rank }
            let leftTotal = lhs.value.count + lhs.value.tags
            let rightTotal = rhs.value.count + rhs.value.tags
            return leftTotal != rightTotal ? leftTotal > rightTotal : lhs.key < rhs.key
        }
        var parts: [CharacterID: [NameParts]] = [:]
        var votes: [CharacterID: (male: Int, female: Int, honorific: Gender?, firstName: Gender?)] = [:]
        for (form, entry) in ordered {
            let name = NameParts(form)
            let id =
                match(name, in: table, parts: parts)
                ?? table.add(
                    name: displayName(form), gender: .unknown,
                    speechEvidence: entry.tags + entry.vocatives > 0 || entry.hasHonorific)
            table.register(form, for: id, count: entry.count + entry.tags + entry.vocatives)
            if entry.tags + entry.vocatives > 0 || entry.hasHonorific { table.markSpeechEvidence(id) }
            parts[id, default: []].append(name)
            var vote = votes[id] ?? (0, 0, nil, nil)
            vote.male += entry.male
            vote.female += entry.female
            if let honorific = name.honorific, let gender = NameLexicon.honorifics[honorific], gender != .unknown {
                vote.honorific = gender
            }
            if let first = name.words.first, name.words.count >= 1,
                let gender = NameLexicon.firstNameGender[first.lowercased()]
            {
                vote.firstName = vote.firstName ?? gender
            }
            if form.hasPrefix("the "), let noun = name.words.last,
                let gender = NameLexicon.genderedNouns[noun.lowercased()]
            {
                vote.honorific = vote.honorific ?? gender
            }
            votes[id] = vote
        }
        // Fuller forms the evidence did not reach on their own ("Marguerite Okafor" once,
        // when "Marguerite" speaks): they belong to the one character they extend.
        for (form, entry) in stats where accepted[form] == nil && !form.hasPrefix("the ") {
            let name = NameParts(form)
            guard name.words.count >= 2 || name.honorific != nil else { continue }
            let owners = parts.filter { $0.value.contains { $0.canBe(name) } }.map(\.key)
            guard owners.count == 1, let id = owners.first else { continue }
            table.register(form, for: id, count: entry.count)
        }
        for (id, vote) in votes {
            table.setGender(CharacterDiscovery.gender(vote), of: id)
            table.setName(canonicalName(of: table[id]), of: id)
        }
        if firstPerson { table.add(name: "narrator", gender: .unknown, isNarrator: true) }
        return table
    }

    static func gender(_ vote: (male: Int, female: Int, honorific: Gender?, firstName: Gender?)) -> Gender {
        if let honorific = vote.honorific { return honorific }
        var male = Double(vote.male)
        var female = Double(vote.female)
        if vote.firstName == .male { male += 3 } else if vote.firstName == .female { female += 3 }
        if male >= 1, female == 0 || (male >= 2 && male >= female * 2) { return .male }
        if female >= 1, male == 0 || (female >= 2 && female >= male * 2) { return .female }
        return .unknown
    }

    /// The form a reader would use: the most frequent, preferring one with a first name.
    func canonicalName(of character: CharacterRecord) -> String {
        let best = character.forms.max { lhs, rhs in
            lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key.count < rhs.key.count
        }
        return displayName(best?.key ?? character.name)
    }

    func displayName(_ form: String) -> String {
        form.hasPrefix("the ") ? "The " + form.dropFirst(4) : form
    }

    /// The existing character a new form names, if exactly one fits.
    func match(_ name: NameParts, in table: CharacterTable, parts: [CharacterID: [NameParts]]) -> CharacterID? {
        var found: Set<CharacterID> = []
        for (id, known) in parts {
            if known.contains(where: { name.canBe($0) }) { found.insert(id) }
        }
        if found.count == 1 { return found.first }
        // A given name beats a surname: "Anne" is "Anne Shirley" rather than a stray "Allan Anne".
        if name.words.count == 1, name.honorific == nil, !name.hasThe {
            let given = found.filter { id in
                (parts[id] ?? []).contains {
                    $0.words.count >= 2 && $0.honorific == nil && $0.words.first == name.words[0]
                }
            }
            if given.count == 1 { return given.first }
        }
        // A bare surname shared by Mr. and Miss Bingley is, in most novels, the man.
        if name.words.count == 1, name.honorific == nil, !name.hasThe {
            let men = found.filter { id in
                (parts[id] ?? []).contains { $0.honorificGender == .male && $0.words.last == name.words[0] }
            }
            if men.count == 1 { return men.first }
        }
        return nil
    }
}

/// A name cut into honorific and words, for merging.
struct NameParts {
    var honorific: String?
    var words: [String]
    var hasThe: Bool

    init(_ form: String) {
        var words = form.split(separator: " ").map(String.init)
        hasThe = words.first == "the"
        if hasThe { words.removeFirst() }
        let first = words.first?.lowercased() ?? ""
        if words.count > 1, NameLexicon.isHonorific(first) {
            honorific = first.replacingOccurrences(of: ".", with: "")
            words.removeFirst()
        }
        self.words = words
    }

    /// Full names before honorific names before single words.
    var rank: Int { words.count >= 2 ? 2 : (honorific != nil || hasThe ? 1 : 0) }

    var honorificGender: Gender? {
        honorific.flatMap { NameLexicon.honorifics[$0] }.flatMap { $0 == .unknown ? nil : $0 }
    }

    /// Whether this (shorter) name can refer to the person called `other`.
    func canBe(_ other: NameParts) -> Bool {
        guard !words.isEmpty, !other.words.isEmpty else { return false }
        if words == other.words {
            if let mine = honorificGender, let theirs = other.honorificGender {
                return mine == theirs && honorific == other.honorific
            }
            return true
        }
        if words.count == 1, other.words.count == 1, honorific == nil, other.honorific == nil, hasThe == other.hasThe {
            return (NameLexicon.nicknames[words[0].lowercased()] ?? []).contains(other.words[0].lowercased())
        }
        guard other.words.count > words.count else { return false }
        if words.count == 1 {
            let word = words[0]
            if let honorific {
                // "Sir William" is "Sir William Lucas"; "Mr. Darcy" is "Fitzwilliam Darcy".
                if other.honorific == honorific { return other.words.last == word || other.words.first == word }
                guard other.words.last == word, other.honorific == nil else { return false }
                let firstGender = NameLexicon.firstNameGender[other.words[0].lowercased()]
                // "Mrs. Bennet" is rarely "Elizabeth Bennet": only a man's title joins a first name.
                return honorificGender == .male && (firstGender == nil || firstGender == .male)
            }
            if hasThe != other.hasThe { return false }
            if other.words.first == word || other.words.last == word { return true }
            // A pet name is not said of someone known by a title ("Kitty" is not "Lady Catherine de Bourgh").
            guard other.honorific == nil else { return false }
            let formal = NameLexicon.nicknames[word.lowercased()] ?? []
            return formal.contains(other.words[0].lowercased())
        }
        return Array(other.words.suffix(words.count)) == words && honorific == nil
    }
}

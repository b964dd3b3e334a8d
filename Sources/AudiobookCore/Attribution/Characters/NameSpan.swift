/// A proper name written in the text: `Tessa`, `Mr. Bennet`, `Elizabeth Bennet`, `the Mock Turtle`.
struct NameSpan: Sendable, Equatable {
    /// The name as written, words joined by single spaces (`the` kept lower-case).
    var form: String
    /// Token index of the first word (the `the`, when there is one).
    var start: Int
    /// Token index just past the name.
    var end: Int
    /// The name's first word begins a sentence, so its capital proves nothing.
    var atSentenceStart: Bool
    /// The name starts with an honorific (`Mr.`, `Lady`, `Captain`).
    var hasHonorific: Bool
    /// Written as a possessive (`Tessa's face`): the name is not the subject of its clause.
    var isPossessive = false

    /// The name that starts at `index`, if any.
    static func at(_ tokens: [Token], _ index: Int) -> NameSpan? {
        guard index < tokens.count else { return nil }
        var start = index
        var hasThe = false
        if tokens[index].lower == "the", index + 1 < tokens.count, tokens[index + 1].isCapitalized,
            !tokens[index + 1].startsSentence
        {
            hasThe = true
            start = index + 1
        }
        guard isNameWord(tokens[start]) else { return nil }
        let first = tokens[start].lower
        let hasHonorific = NameLexicon.isHonorific(first) && !hasThe
        if !hasHonorific, !hasThe, NameLexicon.nonNames.contains(first) || NameLexicon.functionWords.contains(first) {
            return nil
        }
        var end = start + 1
        while end < tokens.count {
            // "Anne Mrs. Lynde": a title starts another name.
            if NameLexicon.isHonorific(tokens[end].lower),
                tokens[end].lower.hasSuffix(".") || end + 1 < tokens.count && isNameWord(tokens[end + 1])
            {
                break
            }
            if isNameWord(tokens[end]) {
                end += 1
            } else if tokens[end].lower == "of", end + 1 < tokens.count, isNameWord(tokens[end + 1]), end > start {
                end += 2
            } else if let particles = particleRun(tokens, from: end) {
                // "Mr. van der Luyden", "Henry de Vere": lower-case particles inside a name.
                end += particles
            } else {
                break
            }
        }
        // A title alone ("Sir", "Miss") is not a name.
        if hasHonorific, end == start + 1 { return nil }
        // "ANNE" in a heading or "MRS." in a shout is the same name as "Anne", "Mrs.".
        var words = tokens[start..<end].map { word in
            word.text.count > 1 && word.text == word.text.uppercased()
                ? word.text.prefix(1) + word.text.dropFirst().lowercased() : word.text
        }
        var isPossessive = false
        if let last = words.last, last.count > 2, last.hasSuffix("'s") || last.hasSuffix("s'") {
            words[words.count - 1] = String(last.hasSuffix("'s") ? last.dropLast(2) : last.dropLast())
            isPossessive = true
        }
        let form = (hasThe ? "the " : "") + words.joined(separator: " ")
        return NameSpan(
            form: form, start: hasThe ? index : start, end: end,
            atSentenceStart: tokens[start].startsSentence, hasHonorific: hasHonorific, isPossessive: isPossessive)
    }

    /// Lower-case particles of family names (`van der`, `de`, `von`).
    static let particles: Set<String> = [
        "van", "der", "den", "von", "de", "du", "da", "di", "del", "della", "des", "la", "le", "ten", "ter", "zu",
    ]

    /// How many tokens from `index` are one or two lower-case particles followed by a name word (nil: none).
    static func particleRun(_ tokens: [Token], from index: Int) -> Int? {
        var cursor = index
        while cursor < tokens.count, cursor - index < 2, tokens[cursor].isWord, !tokens[cursor].isCapitalized,
            particles.contains(tokens[cursor].lower)
        {
            cursor += 1
        }
        guard cursor > index, cursor < tokens.count, isNameWord(tokens[cursor]) else { return nil }
        return cursor - index
    }

    static func isNameWord(_ token: Token) -> Bool {
        guard token.isWord, token.isCapitalized else { return false }
        let lower = token.lower
        if lower == "i" || lower.hasPrefix("i'") { return false }
        return true
    }

    /// All names in a run of tokens, left to right.
    static func all(in tokens: [Token]) -> [NameSpan] {
        var spans: [NameSpan] = []
        var index = 0
        while index < tokens.count {
            if let span = at(tokens, index) {
                spans.append(span)
                index = span.end
            } else {
                index += 1
            }
        }
        return spans
    }
}

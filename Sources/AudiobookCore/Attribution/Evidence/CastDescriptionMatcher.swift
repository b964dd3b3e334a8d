/// With a cast: description tags that match a cast entry described the same way ("a little
/// hump-backed man" → "The Hump-backed Man"): all the entry's words, its noun last, appear in the
/// tag's phrase. A later description with the same noun in the same scene ("the man") is the same person.
enum CastDescriptionMatcher {
    static func matches(tags: [QuoteID: SpeechTag], table: CharacterTable, book: BookPassages) -> [QuoteID: CharacterID]
    {
        guard table.isFromCast else { return [:] }
        var entries: [(words: [String], id: CharacterID)] = []
        for character in table.characters {
            for form in [character.name] + Array(character.forms.keys) {
                let lower = form.lowercased()
                guard lower.hasPrefix("the ") || lower.hasPrefix("a ") || lower.hasPrefix("an ") else { continue }
                let words = describingWords(form)
                if words.count >= 2 { entries.append((words, character.id)) }
            }
        }
        guard !entries.isEmpty else { return [:] }
        var matches: [QuoteID: CharacterID] = [:]
        var lastByNoun: [String: (scene: Int, id: CharacterID)] = [:]
        for ref in tags.keys.sorted() {
            guard case .description(let phrase, _)? = tags[ref]?.subject else { continue }
            let words = describingWords(phrase)
            guard let noun = words.last else { continue }
            let scene = book.sceneOfPassage[ref.paragraph]
            let found = Set(
                entries.filter { $0.words.last == noun && Set($0.words).isSubset(of: Set(words)) }.map(\.id))
            if found.count == 1, let id = found.first {
                matches[ref] = id
                lastByNoun[noun] = (scene, id)
            } else if found.isEmpty, words.count == 1, let last = lastByNoun[noun], last.scene == scene {
                matches[ref] = last.id
            }
        }
        return matches
    }

    /// Words of a description that say who: without determiners.
    static func describingWords(_ phrase: String) -> [String] {
        phrase.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            .filter { !SpeechTagParser.determiners.contains($0) && !SpeechTagParser.qualifiers.contains($0) }
    }
}

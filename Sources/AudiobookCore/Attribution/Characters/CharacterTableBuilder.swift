/// The book's characters: the cast file's, or those character discovery finds in the text; and
/// whether the book is told in the first person (then `I` is a character, the narrator).
enum CharacterTableBuilder {
    static func table(
        book: BookPassages, tags: [QuoteID: SpeechTag], cast: CastFile?,
        weights: AttributionWeights.FirstPerson
    ) -> (table: CharacterTable, isFirstPerson: Bool) {
        var narrationWords = 0
        var firstPersonWords = 0
        for passage in book.passages {
            for (s, tokens) in passage.tokens.enumerated() where !passage.segments[s].isQuote {
                for token in tokens where token.isWord {
                    narrationWords += 1
                    if token.text == "I" || token.lower == "me" || token.lower == "my" { firstPersonWords += 1 }
                }
            }
        }
        let firstPersonTags = tags.values.filter { $0.subject == .firstPerson }.count
        var firstPerson = firstPersonWords * weights.narrationShare > narrationWords || firstPersonTags >= weights.tags
        if let cast {
            var table = CharacterTable(cast: cast)
            firstPerson = table.narratorID != nil || firstPerson
            if firstPerson, table.narratorID == nil { table.add(name: "narrator", gender: .unknown, isNarrator: true) }
            return (table, firstPerson)
        }
        var discovery = CharacterDiscovery()
        let tagNames = tags.values.compactMap { tag -> String? in
            if case .name(let form) = tag.subject { return form }
            return nil
        }
        discovery.scan(book.passages, tagNames: tagNames)
        return (discovery.table(firstPerson: firstPerson), firstPerson)
    }
}

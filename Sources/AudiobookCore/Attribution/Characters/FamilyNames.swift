/// Family names the text gives characters the table knows by a given name ("Elizabeth Bennet",
/// "Miss Elizabeth Bennet" anywhere in the text), and every character's surname.
struct FamilyNames: Sendable {
    private var names: [CharacterID: String] = [:]

    /// Learns them from every full name in the book.
    init(book: BookPassages, table: CharacterTable) {
        for passage in book.passages {
            for tokens in passage.tokens {
                for span in NameSpan.all(in: tokens) {
                    let words = span.form.split(separator: " ").map(String.init)
                    guard words.count == (span.hasHonorific ? 3 : 2), let last = words.last,
                        let id = table.resolve(words[words.count - 2]),
                        names[id] == nil, table.resolve(last) != id,
                        NameLexicon.firstNameGender[words[words.count - 2].lowercased()] != nil
                    else { continue }
                    names[id] = last
                }
            }
        }
    }

    /// A character's surname, from a name of theirs with two words or more ("Mr. Bennet",
    /// "Elizabeth Bennet"), else the family name the text gives them.
    func surname(of id: CharacterID, in table: CharacterTable) -> String? {
        let character = table[id]
        let forms = [character.name] + character.forms.keys.sorted()
        // A last word that is a known given name ("Miss Eliza") is not a surname.
        for form in forms {
            let words = form.split(separator: " ")
            if words.count >= 2, let last = words.last, last.first?.isUppercase == true, String(last) != character.name,
                NameLexicon.firstNameGender[last.lowercased()] == nil, NameLexicon.nicknames[last.lowercased()] == nil
            {
                return String(last)
            }
        }
        return names[id]
    }
}

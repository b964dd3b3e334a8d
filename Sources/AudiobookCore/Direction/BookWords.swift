/// The words of a book whose saying a listener notices: its characters' names and the other words
/// it writes with a capital inside a sentence (places, titles, coinages), most frequent first.
public enum BookWords {
    /// A word, how often the book has it, and whether it is part of a character's name.
    public struct Word: Sendable, Equatable {
        public var word: String
        public var count: Int
        public var isName: Bool
    }

    /// The words of a script's lines: a character's name parts and aliases always, any other word
    /// when it is capitalised somewhere not at a sentence's start and never written in small letters.
    public static func words(of script: Script) -> [Word] {
        var capitalised: [String: Int] = [:]
        var inside: Set<String> = []
        var lowercase: Set<String> = []
        for scene in script.scenes {
            for line in scene.lines where line.kind != .heading {
                let scalars = Array(line.text.unicodeScalars)
                var previousEnd = 0
                for (range, word) in Lexicon.words(in: line.text) {
                    // A sentence starts at the line's start or after . ! ? (quotation marks aside).
                    let between = String(String.UnicodeScalarView(scalars[previousEnd..<range.lowerBound]))
                    let startsSentence = previousEnd == 0 || between.contains(where: { ".!?…:".contains($0) })
                    previousEnd = range.upperBound
                    let bare = stripped(word)
                    // `I'll`, `I'm`: the pronoun, not a name.
                    guard let first = bare.first, bare.count > 1, !bare.hasPrefix("I'"), !bare.hasPrefix("I’") else {
                        continue
                    }
                    if first.isUppercase {
                        capitalised[bare, default: 0] += 1
                        if !startsSentence { inside.insert(bare) }
                    } else {
                        lowercase.insert(bare.lowercased())
                    }
                }
            }
        }
        var names: Set<String> = []
        for character in script.characters {
            for name in [character.name] + character.aliases {
                for (_, word) in Lexicon.words(in: name) where word.first?.isUppercase == true && word.count > 1 {
                    names.insert(stripped(word))
                }
            }
        }
        var words: [Word] = []
        for (word, count) in capitalised {
            let isName = names.contains(word)
            let allCapitals = word.allSatisfy { !$0.isLowercase }
            guard isName || (inside.contains(word) && !lowercase.contains(word.lowercased()) && !allCapitals) else {
                continue
            }
            words.append(Word(word: word, count: count, isName: isName))
        }
        for name in names where capitalised[name] == nil { words.append(Word(word: name, count: 0, isName: true)) }
        return words.sorted { ($0.count, $1.word) > ($1.count, $0.word) }
    }

    /// A word without a possessive ending (`Tessa's` → `Tessa`).
    static func stripped(_ word: String) -> String {
        for ending in ["'s", "’s"] where word.hasSuffix(ending) { return String(word.dropLast(2)) }
        return word
    }
}

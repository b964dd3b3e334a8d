/// A word or punctuation mark of narration or speech, as attribution sees it.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case word
        /// `,` `;` `:` and dashes: a clause goes on.
        case pause
        /// `.` `!` `?`: a sentence ends.
        case stop
    }

    var text: String
    var kind: Kind
    /// The word begins a sentence (or the text), so its capital says nothing about names.
    var startsSentence: Bool

    var lower: String { text.lowercased() }
    var isWord: Bool { kind == .word }
    var isCapitalized: Bool { text.unicodeScalars.first.map { $0.properties.isUppercase } ?? false }

    /// Splits text into words and punctuation. Apostrophes inside words stay
    /// (`don't`, `Alice's`), a possessive `'s` is kept on its word, and
    /// `Mr.`-style abbreviations keep their period without ending a sentence.
    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var word = String.UnicodeScalarView()
        var atSentenceStart = true
        func flushWord() {
            guard !word.isEmpty else { return }
            tokens.append(Token(text: String(word), kind: .word, startsSentence: atSentenceStart))
            atSentenceStart = false
            word = String.UnicodeScalarView()
        }
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil {
                word.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" || scalar == "-", !word.isEmpty,
                index + 1 < scalars.count, scalars[index + 1].properties.isAlphabetic
            {
                word.append(scalar == "\u{2019}" ? "'" : scalar)
            } else if scalar == ".", !word.isEmpty, NameLexicon.abbreviations.contains(String(word).lowercased()) {
                word.append(scalar)
            } else {
                flushWord()
                switch scalar {
                case ".", "!", "?", "\u{2026}":
                    tokens.append(Token(text: String(scalar), kind: .stop, startsSentence: false))
                    atSentenceStart = true
                case ",", ";", ":", "\u{2014}", "\u{2013}", "(", ")":
                    tokens.append(Token(text: String(scalar), kind: .pause, startsSentence: false))
                case "-" where index + 1 < scalars.count && scalars[index + 1] == "-":
                    tokens.append(Token(text: "\u{2014}", kind: .pause, startsSentence: false))
                    index += 1
                default:
                    break
                }
            }
            index += 1
        }
        flushWord()
        return tokens
    }
}

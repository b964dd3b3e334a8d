/// Tells chapter headings and scene-break lines from prose.
///
/// Works on a single trimmed line. A heading is a Markdown `#` line, a keyword
/// line (`Chapter 12`, `CHAPTER XII.`, `Chapter Twelve: Title`, `PART ONE`,
/// `BOOK THE FIRST`, `Prologue`) or a Roman numeral alone on its line.
public enum HeadingRecognizer {
    static let numberedKeywords: Set<String> = [
        "chapter", "part", "book", "volume", "section", "canto", "act", "stave",
    ]
    static let standaloneKeywords: Set<String> = [
        "prologue", "epilogue", "interlude", "preface", "introduction", "afterword", "foreword",
    ]
    static let numberWords: Set<String> = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
        "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
        "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "last", "final",
    ]

    /// The heading's Markdown level, or nil when the line is not a Markdown heading.
    public static func markdownLevel(_ line: Substring) -> Int? {
        var level = 0
        var index = line.startIndex
        while index < line.endIndex, line[index] == "#" {
            level += 1
            index = line.index(after: index)
        }
        guard level >= 1, level <= 6, index < line.endIndex, line[index] == " " || line[index] == "\t" else {
            return nil
        }
        guard line[index...].contains(where: { !$0.isWhitespace && $0 != "#" }) else { return nil }
        return level
    }

    /// Whether a trimmed line is a chapter (or part) heading.
    public static func isHeading(_ line: Substring) -> Bool {
        guard !line.isEmpty, line.count <= 120 else { return false }
        if markdownLevel(line) != nil { return true }
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = words.first else { return false }
        let keyword = trimPunctuation(first)
        if isRomanNumeral(keyword), words.count == 1, keyword.allSatisfy(\.isUppercase) {
            return first.count - keyword.count <= 1
        }
        guard let initial = keyword.first, initial.isUppercase else { return false }
        let lowered = keyword.lowercased()
        if standaloneKeywords.contains(lowered) {
            return words.count == 1 || first.last.map { ".:—-".contains($0) } == true
        }
        guard numberedKeywords.contains(lowered), words.count >= 2 else { return false }
        var number = trimPunctuation(words[1])
        if number.lowercased() == "the", words.count >= 3 { number = trimPunctuation(words[2]) }
        return isNumber(number)
    }

    /// Whether a trimmed line is a scene break: `* * *`, `***`, `#`, `~`, `---` and the like.
    public static func isSceneBreak(_ line: Substring) -> Bool {
        guard !line.isEmpty, line.count <= 40 else { return false }
        var marks = 0
        for character in line {
            if character == " " || character == "\t" { continue }
            guard "*~#-_=•·+".contains(character) else { return false }
            marks += 1
        }
        if marks == 1 { return line.contains("#") || line.contains("~") || line.contains("*") }
        if line.allSatisfy({ $0 == "-" || $0 == " " }) || line.allSatisfy({ $0 == "_" || $0 == " " }) {
            return marks >= 3
        }
        return marks >= 1
    }

    static func trimPunctuation(_ word: Substring) -> Substring {
        var word = word
        while let last = word.last, ".:,;—–-)".contains(last) { word = word.dropLast() }
        while let first = word.first, "(".contains(first) { word = word.dropFirst() }
        return word
    }

    /// A canonical Roman numeral (I to MMMCMXCIX), so that words such as `DID` are not numbers.
    static func isRomanNumeral(_ word: Substring) -> Bool {
        guard !word.isEmpty, word.count <= 15 else { return false }
        let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000]
        let upper = word.uppercased()
        var total = 0
        var previous = 0
        for character in upper.reversed() {
            guard let value = values[character] else { return false }
            total += value < previous ? -value : value
            previous = max(previous, value)
        }
        guard total > 0, total < 4000 else { return false }
        return roman(total) == upper
    }

    static func roman(_ value: Int) -> String {
        let table: [(Int, String)] = [
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
        ]
        var value = value
        var result = ""
        for (amount, letters) in table {
            while value >= amount {
                result += letters
                value -= amount
            }
        }
        return result
    }

    static func isNumber(_ word: Substring) -> Bool {
        if word.isEmpty { return false }
        if word.allSatisfy(\.isNumber) { return true }
        if isRomanNumeral(word) { return word.allSatisfy(\.isUppercase) || word.allSatisfy(\.isLowercase) }
        let parts = word.lowercased().split(separator: "-")
        return !parts.isEmpty && parts.allSatisfy { numberWords.contains(String($0)) }
    }
}

import Yams

/// How words are to be said: `Voices/lexicon.yaml`, `--lexicon FILE`, or a voice profile's `lexicon:`.
///
/// ```yaml
/// Hermione: her-MY-oh-nee      # a respelling: syllables joined by '-', the stressed one in capitals
/// Siobhan: "[[S@v'O:n]]"       # espeak-ng phonemes, as `espeak-ng -x` prints them
/// ```
///
/// Entries match whole words in any case; a possessive or plural (`Hermione's`, `Siobhans`) follows
/// its word. The lexicon changes what is spoken, never the script's text.
public struct Lexicon: Sendable, Equatable {
    /// What an entry says a word sounds like.
    public enum Pronunciation: Sendable, Equatable, Hashable {
        /// espeak-ng phoneme mnemonics, without the `[[ ]]`.
        case phonemes(String)
        /// Syllables to read as English would, the stressed one in capitals: `her-MY-oh-nee`.
        case respelling([String])
    }

    /// One word and how to say it.
    public struct Entry: Sendable, Equatable {
        /// The word as the file spells it.
        public var word: String
        public var pronunciation: Pronunciation
        /// The file and line it was read from (`lexicon.yaml:4`).
        public var place: String

        /// The pronunciation as the file writes it.
        public var text: String {
            switch pronunciation {
            case .phonemes(let phonemes): return "[[\(phonemes)]]"
            case .respelling(let syllables): return syllables.joined(separator: "-")
            }
        }
    }

    /// Entries by lowercased word.
    public private(set) var entries: [String: Entry] = [:]

    /// An empty lexicon.
    public init() {}

    /// Reads a lexicon file.
    public init(contentsOf path: String) throws(ConfigError) {
        try self.init(document: ConfigDocument(path: path))
    }

    /// Parses lexicon YAML text; `path` names it in messages.
    public init(path: String, text: String) throws(ConfigError) {
        try self.init(document: ConfigDocument(path: path, text: text))
    }

    init(document: ConfigDocument) throws(ConfigError) {
        guard let root = document.root else {
            self.init()
            return
        }
        try self.init(node: root, document: document)
    }

    /// The entries of a mapping node (a lexicon file's root, or a profile's `lexicon:`).
    init(node: Node, document: ConfigDocument) throws(ConfigError) {
        guard case .mapping(let mapping) = node else {
            throw document.error(
                node, "a lexicon must be a mapping of words to pronunciations (Hermione: her-MY-oh-nee)")
        }
        for (keyNode, value) in mapping {
            guard let word = keyNode.string, !word.isEmpty else {
                throw document.error(keyNode, "a lexicon key must be a word")
            }
            guard Lexicon.isWord(word) else {
                throw document.error(
                    keyNode, "'\(word)' is not one word: a lexicon entry is a single word (letters, with ' inside)")
            }
            guard entries[word.lowercased()] == nil else {
                throw document.error(keyNode, "'\(word)' is in the lexicon twice")
            }
            let text = try document.string(value, key: word).trimmingCharacters(in: .whitespaces)
            let pronunciation: Pronunciation
            if text.hasPrefix("[[") {
                guard text.hasSuffix("]]"), text.count > 4 else {
                    throw document.error(
                        value, "phonemes for '\(word)' must be written [[…]] (as espeak-ng -x prints them)")
                }
                let phonemes = String(text.dropFirst(2).dropLast(2))
                guard !phonemes.contains("["), !phonemes.contains("]"), !phonemes.contains(where: \.isNewline) else {
                    throw document.error(value, "phonemes for '\(word)' cannot contain '[' or ']'")
                }
                pronunciation = .phonemes(phonemes)
            } else {
                let syllables = text.split(separator: "-", omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                guard !text.isEmpty, syllables.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0 == "'" } })
                else {
                    throw document.error(
                        value,
                        "'\(text)' is neither a respelling (letters in syllables joined by '-': her-MY-oh-nee) nor phonemes ([[S@v'O:n]])"
                    )
                }
                pronunciation = .respelling(syllables)
            }
            let place = "\(document.path):\(keyNode.mark?.line ?? 1)"
            entries[word.lowercased()] = Entry(word: word, pronunciation: pronunciation, place: place)
        }
    }

    /// Whether text is one word a lexicon can hold: letters, with `'` only inside.
    static func isWord(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last, first.isLetter, last.isLetter else { return false }
        return text.allSatisfy { $0.isLetter || $0 == "'" || $0 == "’" }
    }

    /// This lexicon with `other`'s entries added, `other` winning where both have a word.
    public func merging(_ other: Lexicon) -> Lexicon {
        var merged = self
        merged.entries.merge(other.entries) { _, new in new }
        return merged
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// The entry for a word as it stands in a text (`Hermione's`), and the ending that follows it.
    public func entry(for token: String) -> (entry: Entry, ending: Ending)? {
        let lowered = token.lowercased()
        if let entry = entries[lowered] { return (entry, .none) }
        for ending in [Ending.possessive, .plural, .pluralES] {
            for spelling in ending.spellings where lowered.hasSuffix(spelling) {
                if let entry = entries[String(lowered.dropLast(spelling.count))] { return (entry, ending) }
            }
        }
        return nil
    }

    /// An ending a lexicon word keeps: its sound follows the word's.
    public enum Ending: Sendable, Equatable {
        case none, possessive, plural, pluralES

        var spellings: [String] {
            switch self {
            case .none: return []
            case .possessive: return ["'s", "’s"]
            case .plural: return ["s"]
            case .pluralES: return ["es"]
            }
        }

        /// The ending's phonemes after a word's (`z`, `s`, or `Iz` after a hissing sound).
        public func phonemes(after word: String) -> String {
            guard self != .none else { return "" }
            let sounds = word.filter { $0.isLetter || $0 == "@" || $0 == "3" }
            if self == .pluralES || ["s", "z", "S", "Z"].contains(sounds.last.map(String.init) ?? "") { return "Iz" }
            if ["p", "t", "k", "f", "T"].contains(sounds.last.map(String.init) ?? "") { return "s" }
            return "z"
        }
    }

    /// The words of a text a lexicon could match: runs of letters with `'` or `’` inside,
    /// as ranges of its Unicode scalars.
    public static func words(in text: String) -> [(range: Range<Int>, word: String)] {
        let scalars = Array(text.unicodeScalars)
        var words: [(Range<Int>, String)] = []
        var index = 0
        func isLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic }
        while index < scalars.count {
            guard isLetter(scalars[index]) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < scalars.count {
                if isLetter(scalars[end]) {
                    end += 1
                } else if "'’".unicodeScalars.contains(scalars[end]), end + 1 < scalars.count,
                    isLetter(scalars[end + 1])
                {
                    end += 2
                } else {
                    break
                }
            }
            var word = String.UnicodeScalarView()
            word.append(contentsOf: scalars[index..<end])
            words.append((index..<end, String(word)))
            index = end
        }
        return words
    }
}

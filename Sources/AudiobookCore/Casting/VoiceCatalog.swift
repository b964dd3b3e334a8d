/// The espeak-ng voices and variants installed on this machine, for checking profiles.
public struct VoiceCatalog: Sendable, Equatable {
    /// An installed voice.
    public struct Voice: Sendable, Equatable {
        /// Display name (`English_(America)`).
        public var name: String
        /// Language code (`en-us`).
        public var language: String
        /// File within espeak-ng-data/voices (`gmw/en-US`).
        public var identifier: String
        public var gender: Gender

        /// Creates a voice entry.
        public init(name: String, language: String, identifier: String, gender: Gender) {
            self.name = name
            self.language = language
            self.identifier = identifier
            self.gender = gender
        }
    }

    /// An installed variant (`f3`, `m2`, `klatt`).
    public struct Variant: Sendable, Equatable {
        /// The name after `+` (case-sensitive).
        public var name: String
        /// espeak-ng's description (`female3`).
        public var description: String
        public var gender: Gender

        /// Creates a variant entry.
        public init(name: String, description: String, gender: Gender) {
            self.name = name
            self.description = description
            self.gender = gender
        }
    }

    public var voices: [Voice]
    public var variants: [Variant]

    /// Creates a catalog.
    public init(voices: [Voice], variants: [Variant]) {
        self.voices = voices
        self.variants = variants
    }

    /// Whether espeak-ng can select a voice by this name: its language, file or display name.
    public func hasVoice(_ name: String) -> Bool {
        let key = name.lowercased()
        return voices.contains { voice in
            voice.language.lowercased() == key || voice.identifier.lowercased() == key || voice.name.lowercased() == key
                || voice.identifier.split(separator: "/").last.map { $0.lowercased() == key } == true
        }
    }

    /// The voice file espeak-ng selects for a name given as language, file or display name
    /// (`en-gb` is `gmw/en`): espeak-ng's own selection by name knows only files and names.
    public func identifier(for name: String) -> String? {
        let key = name.lowercased()
        return
            (voices.first { $0.identifier.lowercased() == key }
            ?? voices.first { $0.identifier.split(separator: "/").last.map { $0.lowercased() == key } == true }
            ?? voices.first { $0.language.lowercased() == key }
            ?? voices.first { $0.name.lowercased() == key })?.identifier
    }

    /// Other names of languages that espeak-ng files under another code.
    static let languageAliases = ["zh": "cmn", "no": "nb", "fil": "tl"]

    /// The installed voices (their language codes) that speak a BCP 47 language tag, best first:
    /// `de` → `de`; `fr` → `fr-fr`, `fr-be`, `fr-ch`; `pt-BR` → `pt-br`, `pt`; `zh` → `cmn`, …
    public func voices(forLanguage tag: String) -> [String] {
        let key = tag.lowercased().replacingOccurrences(of: "_", with: "-")
        var primary = BookMetadata.primaryLanguage(of: key)
        primary = VoiceCatalog.languageAliases[primary] ?? primary
        let languages = voices.map { $0.language.lowercased() }
        var result: [String] = []
        func add(_ language: String) {
            if languages.contains(language), !result.contains(language) { result.append(language) }
        }
        add(key)
        add("\(primary)-\(primary)")
        add(primary)
        for language in languages.sorted() where language.hasPrefix(primary + "-") { add(language) }
        return result
    }

    /// The primary language of a voice name (`en-gb-scotland` → `en`, `gmw/de` → `de`).
    public func primaryLanguage(ofVoice name: String) -> String? {
        let key = name.lowercased()
        let voice =
            voices.first {
                $0.language.lowercased() == key || $0.identifier.lowercased() == key || $0.name.lowercased() == key
            }
            ?? voices.first { $0.identifier.split(separator: "/").last.map { $0.lowercased() == key } == true }
        return voice.map { BookMetadata.primaryLanguage(of: $0.language) }
    }

    /// Settings with the voice given as the file espeak-ng selects, for synthesis.
    public func synthesisSettings(_ settings: VoiceSettings) -> VoiceSettings {
        var resolved = settings
        resolved.voice = identifier(for: settings.voice) ?? settings.voice
        return resolved
    }

    /// Whether a variant is installed (names are case-sensitive).
    public func hasVariant(_ name: String) -> Bool { variants.contains { $0.name == name } }

    /// Installed voice names closest to a misspelt one.
    public func closestVoices(to name: String, count: Int = 3) -> [String] {
        Self.closest(to: name.lowercased(), among: voices.map(\.language), count: count)
    }

    /// Installed variant names closest to a misspelt one.
    public func closestVariants(to name: String, count: Int = 3) -> [String] {
        Self.closest(to: name, among: variants.map(\.name), count: count)
    }

    static func closest(to name: String, among names: [String], count: Int) -> [String] {
        let unique = Array(Set(names))
        return unique.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .prefix(count).map(\.0)
    }

    /// Levenshtein distance.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Gives every speaker a voice: the profile its cast entry names, else the profile
/// named like the speaker, else an automatic voice that is stable for the name,
/// distinct from the others' where the installed voices allow, and of the
/// speaker's gender when known.
public struct VoiceCasting: Sendable {
    /// Where a speaker's voice comes from.
    public enum Source: Sendable, Equatable {
        /// A profile file (named by the cast, or named like the speaker).
        case profile(path: String)
        /// Chosen automatically.
        case automatic
        /// The built-in narrator voice (there is no `narrator.yaml`).
        case builtInNarrator
    }

    /// The voice a speaker gets.
    public struct Assignment: Sendable, Equatable {
        public var speaker: String
        /// The profile name (`Tessa`), or `auto:VOICE` for an automatic voice.
        public var profile: String
        public var settings: VoiceSettings
        public var source: Source
        /// Why this voice: `named like the speaker`, `the alias Marguerite`, `the cast's voice: x`, …
        public var reason: String = ""
    }

    /// A speaker to cast.
    public struct Speaker: Sendable, Equatable {
        public var name: String
        public var gender: Gender
        public var lines: Int
        /// The profile the cast file names, if any.
        public var castVoice: String?
        /// Other names of the speaker (the cast entry's aliases): a profile named after one of them is theirs.
        public var aliases: [String]

        /// Creates a speaker.
        public init(
            name: String, gender: Gender = .unknown, lines: Int = 0, castVoice: String? = nil, aliases: [String] = []
        ) {
            self.name = name
            self.gender = gender
            self.lines = lines
            self.castVoice = castVoice
            self.aliases = aliases
        }
    }

    /// Assignments by speaker name; `narrator` and `unknown` are always present.
    public private(set) var assignments: [String: Assignment] = [:]

    /// The espeak-ng voices (language codes) of the book's language, when the book is not in English
    /// and espeak-ng speaks its language; empty otherwise.
    public let bookVoices: [String]

    /// Casts every speaker. A cast entry naming a profile that does not exist is an error.
    ///
    /// A book in another language than English (`language`, a BCP 47 tag) is spoken in that
    /// language: automatic voices and the built-in narrator use its voices, and a profile whose
    /// voice speaks another language keeps its variant, rate and pitch but takes the book's voice.
    public init(
        speakers: [Speaker], library: VoiceLibrary, catalog: VoiceCatalog, castPath: String? = nil,
        language: String? = nil
    ) throws(ConfigError) {
        let primary = language.map(BookMetadata.primaryLanguage(of:))
        bookVoices = primary == nil || primary == "en" ? [] : catalog.voices(forLanguage: language!)
        let bookVoices = bookVoices
        let narrator: Assignment
        func chosen(_ profile: VoiceProfile, for speaker: String, because reason: String) -> Assignment {
            var settings = profile.settings
            var reason = reason
            if let bookVoice = bookVoices.first, let spoken = catalog.primaryLanguage(ofVoice: settings.voice),
                catalog.primaryLanguage(ofVoice: bookVoice) != spoken
            {
                reason +=
                    "; its voice \(settings.voice) speaks another language than the book's \(language!), so \(bookVoice)"
                settings.voice = bookVoice
            }
            return Assignment(
                speaker: speaker, profile: profile.name, settings: settings, source: .profile(path: profile.path),
                reason: reason)
        }
        if let profile = library.profiles[ScriptLine.narrator] {
            narrator = chosen(profile, for: ScriptLine.narrator, because: "named like the speaker")
        } else {
            var settings = VoiceCasting.builtInNarrator(catalog)
            if let bookVoice = bookVoices.first { settings.voice = bookVoice }
            narrator = Assignment(
                speaker: ScriptLine.narrator, profile: "auto:narrator", settings: settings,
                source: .builtInNarrator,
                reason: "no \(VoiceLibrary.fileName(for: ScriptLine.narrator)) in \(library.folder)")
        }
        assignments[ScriptLine.narrator] = narrator
        var used: Set<String> = [VoiceCasting.key(narrator.settings)]
        var automatic: [Speaker] = []
        func give(_ assignment: Assignment) {
            assignments[assignment.speaker] = assignment
            used.insert(VoiceCasting.key(assignment.settings))
        }
        let cast = speakers.filter { $0.name != ScriptLine.narrator && $0.name != ScriptLine.unknown }
        // A profile named after an alias belongs to the one speaker who has that alias, unless
        // another speaker is named exactly so.
        let exactNames = Set(cast.compactMap { library.profile(forSpeaker: $0.name)?.name })
        var aliasOwners: [String: Set<String>] = [:]
        for speaker in cast {
            for alias in speaker.aliases { aliasOwners[alias, default: []].insert(speaker.name) }
        }
        for speaker in cast {
            if let name = speaker.castVoice {
                guard let profile = library.profiles[name] else {
                    throw ConfigError(
                        path: castPath ?? "cast.yaml", line: nil,
                        message:
                            "\(castPath ?? "the cast file") gives \(speaker.name) the voice '\(name)', but \(library.folder) has no \(name).yaml"
                    )
                }
                give(chosen(profile, for: speaker.name, because: "the cast's voice: \(name)"))
            } else if let profile = library.profile(forSpeaker: speaker.name) {
                give(chosen(profile, for: speaker.name, because: "named like the speaker"))
            } else if let (alias, profile) = speaker.aliases.lazy.compactMap({ alias in
                library.profile(forSpeaker: alias).map { (alias, $0) }
            }).first(where: { aliasOwners[$0.0]?.count == 1 && !exactNames.contains($0.1.name) }) {
                give(chosen(profile, for: speaker.name, because: "named after the alias \(alias)"))
            } else {
                automatic.append(speaker)
            }
        }
        // Busiest speakers choose first, so the main characters get their preferred voices.
        automatic.sort { $0.lines != $1.lines ? $0.lines > $1.lines : $0.name < $1.name }
        for speaker in automatic {
            let pool = VoiceCasting.pool(
                for: speaker.gender, catalog: catalog,
                voices: bookVoices.isEmpty ? VoiceCasting.englishVoices : bookVoices)
            guard !pool.isEmpty else {
                assignments[speaker.name] = Assignment(
                    speaker: speaker.name, profile: narrator.profile, settings: narrator.settings,
                    source: .automatic, reason: "no installed voice fits; the narrator's")
                continue
            }
            let preferred = Int(StableHash.fnv1a64(speaker.name.utf8) % UInt64(pool.count))
            var chosen = pool[preferred]
            for offset in 0..<pool.count {
                let candidate = pool[(preferred + offset) % pool.count]
                if !used.contains(VoiceCasting.key(candidate)) {
                    chosen = candidate
                    break
                }
            }
            used.insert(VoiceCasting.key(chosen))
            let names = ([speaker.name] + speaker.aliases).map { VoiceLibrary.fileName(for: $0) }
            assignments[speaker.name] = Assignment(
                speaker: speaker.name, profile: "auto:\(chosen.espeakName)", settings: chosen, source: .automatic,
                reason: "no \(names.joined(separator: " or ")) in \(library.folder)")
        }
        assignments[ScriptLine.unknown] = Assignment(
            speaker: ScriptLine.unknown, profile: narrator.profile, settings: narrator.settings,
            source: narrator.source, reason: "an unattributed line takes the narrator's voice")
    }

    /// The same casting with one speaker's voice tried out in other settings (nothing is written).
    public func trying(_ settings: VoiceSettings, for speaker: String) -> VoiceCasting {
        var casting = self
        var assignment = assignment(for: speaker)
        assignment.speaker = speaker
        assignment.settings = settings
        assignment.reason = "being tried out"
        casting.assignments[speaker] = assignment
        if speaker == ScriptLine.narrator, var unknown = casting.assignments[ScriptLine.unknown] {
            unknown.settings = settings
            casting.assignments[ScriptLine.unknown] = unknown
        }
        return casting
    }

    /// The assignment for a speaker (the narrator's for anyone not cast).
    public func assignment(for speaker: String) -> Assignment {
        assignments[speaker] ?? assignments[ScriptLine.narrator]!
    }

    static func key(_ settings: VoiceSettings) -> String { "\(settings.espeakName)/\(settings.pitch)" }

    static let englishVoices = [
        "en-us", "en-gb", "en-gb-scotland", "en-029", "en-gb-x-rp", "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-us-nyc",
    ]

    /// Candidate voices for a gender, ordered so that neighbours differ in accent and timbre.
    static func pool(
        for gender: Gender, catalog: VoiceCatalog, voices candidates: [String] = englishVoices
    ) -> [VoiceSettings] {
        let voices = candidates.filter { catalog.hasVoice($0) }
        let female = ["f1", "f2", "f3", "f4", "f5"].filter { catalog.hasVariant($0) }
        let male = ["m1", "m2", "m3", "m4", "m5", "m6", "m7"].filter { catalog.hasVariant($0) }
        var variants: [(String, Int)]
        switch gender {
        case .female: variants = female.map { ($0, 62) }
        case .male: variants = male.map { ($0, 42) }
        case .unknown:
            variants = []
            for index in 0..<max(female.count, male.count) {
                if index < male.count { variants.append((male[index], 45)) }
                if index < female.count { variants.append((female[index], 58)) }
            }
        }
        guard !voices.isEmpty, !variants.isEmpty else { return voices.map { VoiceSettings(voice: $0, rate: 170) } }
        var pool: [VoiceSettings] = []
        for pitchShift in [0, 8, -8] {
            for index in 0..<(voices.count * variants.count) {
                let (variant, pitch) = variants[index % variants.count]
                let voice = voices[(index / variants.count + index) % voices.count]
                pool.append(VoiceSettings(voice: voice, variant: variant, rate: 170, pitch: pitch + pitchShift))
            }
        }
        return pool
    }

    /// The narrator's voice when the folder has no `narrator.yaml`: a calm, lower British voice.
    static func builtInNarrator(_ catalog: VoiceCatalog) -> VoiceSettings {
        let voice = catalog.hasVoice("en-gb") ? "en-gb" : (catalog.voices.first?.language ?? "en")
        return VoiceSettings(voice: voice, variant: catalog.hasVariant("m3") ? "m3" : nil, rate: 165, pitch: 45)
    }
}

import Yams

/// A voice profile: one YAML file in the voices folder, named `PROFILE.yaml`.
///
/// ```yaml
/// voice: en-us      # espeak-ng voice name or language (required)
/// variant: f3       # optional
/// rate: 170         # words per minute, 80–450
/// pitch: 60         # 0–100
/// range: 50         # 0–100
/// volume: 100       # 0–200
/// wordgap: 0        # 10 ms units
/// lexicon:          # optional: how this voice says words (see `Lexicon`)
///   Siobhan: shiv-AWN
/// ```
public struct VoiceProfile: Sendable, Equatable {
    /// The file name without `.yaml`.
    public var name: String
    /// The file it was read from.
    public var path: String
    public var settings: VoiceSettings
    /// Words this voice says its own way, over the book's lexicon.
    public var lexicon = Lexicon()

    /// Creates a profile in memory.
    public init(name: String, path: String, settings: VoiceSettings) {
        self.name = name
        self.path = path
        self.settings = settings
    }

    /// The keys of a profile, in the order a profile file lists them.
    public static let keys = ["voice", "variant", "rate", "pitch", "range", "volume", "wordgap"]

    /// Reads a profile file and checks it against the installed voices.
    public init(contentsOf path: String, name: String, catalog: VoiceCatalog?) throws(ConfigError) {
        try self.init(document: ConfigDocument(path: path), name: name, catalog: catalog)
    }

    /// Parses profile YAML text; `path` names it in messages.
    public init(path: String, text: String, name: String, catalog: VoiceCatalog?) throws(ConfigError) {
        try self.init(document: ConfigDocument(path: path, text: text), name: name, catalog: catalog)
    }

    init(document: ConfigDocument, name: String, catalog: VoiceCatalog?) throws(ConfigError) {
        self.name = name
        path = document.path
        guard let root = document.root else {
            throw document.error(nil, "the voice profile is empty; it needs at least 'voice:'")
        }
        var settings = VoiceSettings(voice: "")
        var voiceNode: Node?
        for (key, _, value) in try document.mapping(
            root, allowed: VoiceProfile.keys + ["lexicon"], what: "a voice profile")
        {
            switch key {
            case "voice":
                settings.voice = try document.string(value, key: key)
                voiceNode = value
            case "variant":
                let variant = try document.string(value, key: key)
                if let catalog, !catalog.hasVariant(variant) {
                    throw document.error(
                        value,
                        "unknown espeak-ng variant '\(variant)' (closest installed: \(catalog.closestVariants(to: variant).joined(separator: ", ")))"
                    )
                }
                settings.variant = variant
            case "rate": settings.rate = try document.integer(value, key: key, range: 80...450)
            case "pitch": settings.pitch = try document.integer(value, key: key, range: 0...100)
            case "range": settings.range = try document.integer(value, key: key, range: 0...100)
            case "volume": settings.volume = try document.integer(value, key: key, range: 0...200)
            case "wordgap": settings.wordGap = try document.integer(value, key: key, range: 0...1000)
            case "lexicon": lexicon = try Lexicon(node: value, document: document)
            default: break
            }
        }
        guard let voiceNode, !settings.voice.isEmpty else {
            throw document.error(root, "a voice profile needs 'voice:' (an espeak-ng voice such as en-us)")
        }
        if let catalog, !catalog.hasVoice(settings.voice) {
            throw document.error(
                voiceNode,
                "unknown espeak-ng voice '\(settings.voice)' (closest installed: \(catalog.closestVoices(to: settings.voice).joined(separator: ", ")))"
            )
        }
        self.settings = settings
    }
}

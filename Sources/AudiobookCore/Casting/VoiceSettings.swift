/// Everything espeak-ng needs to speak in one voice.
public struct VoiceSettings: Sendable, Equatable, Hashable, Codable {
    /// espeak-ng voice name or language (`en-us`, `en-gb-scotland`).
    public var voice: String
    /// espeak-ng variant (`f3`, `m2`), if any.
    public var variant: String?
    /// Words per minute, 80–450.
    public var rate: Int
    /// 0–100.
    public var pitch: Int
    /// Pitch range, 0–100.
    public var range: Int
    /// 0–200.
    public var volume: Int
    /// Extra gap between words, in 10 ms units.
    public var wordGap: Int

    /// Creates settings; unspecified values are espeak-ng's defaults.
    public init(
        voice: String, variant: String? = nil, rate: Int = 175, pitch: Int = 50, range: Int = 50, volume: Int = 100,
        wordGap: Int = 0
    ) {
        self.voice = voice
        self.variant = variant
        self.rate = rate
        self.pitch = pitch
        self.range = range
        self.volume = volume
        self.wordGap = wordGap
    }

    /// The name espeak-ng selects: `voice+variant`.
    public var espeakName: String { variant.map { "\(voice)+\($0)" } ?? voice }

    /// A short description for listings: `en-us+f3 rate 170 pitch 62`.
    public var summary: String {
        var text = espeakName
        text += " rate \(rate) pitch \(pitch)"
        if range != 50 { text += " range \(range)" }
        if volume != 100 { text += " volume \(volume)" }
        if wordGap != 0 { text += " wordgap \(wordGap)" }
        return text
    }

    /// The profile file text for these settings.
    public var yaml: String {
        var text = "voice: \(VoiceSettings.quoted(voice))\n"
        if let variant { text += "variant: \(VoiceSettings.quoted(variant))\n" }
        text += "rate: \(rate)\npitch: \(pitch)\nrange: \(range)\nvolume: \(volume)\nwordgap: \(wordGap)\n"
        return text
    }

    /// A name as a YAML scalar: plain when it is a letter, then letters, digits and `-_+.`, and no
    /// word YAML reads as a boolean or null; else double-quoted.
    public static func quoted(_ value: String) -> String {
        let words: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"]
        let plain =
            value.first?.isLetter == true && !words.contains(value.lowercased())
            && value.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || "-_+.".unicodeScalars.contains(scalar))
            }
        if plain { return value }
        var text = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}

import Yams

/// How a line is delivered, from the words of its tag (`she whispered`, `he said softly`):
/// each delivery is a change to the speaker's own voice. Built in, and changed or extended by
/// `Voices/delivery.yaml`:
///
/// ```yaml
/// whispered:
///   verbs: [whisper, murmur, breathe]     # any form: whispered, whispering
///   adverbs: [softly, in a whisper]       # words or phrases of the tag
///   variant: whisper                      # espeak-ng variant (female-variant for a female voice)
///   female-variant: whisperf
///   volume: 40%                           # of the speaker's volume
///   rate: 95%                             # of the speaker's rate
///   pitch: +0                             # added to the speaker's pitch (0–100)
///   range: +0                             # added to the speaker's range (0–100)
/// ```
///
/// A delivery in the file replaces the built-in one of that name; a new name adds one.
public struct DeliveryTable: Sendable, Equatable {
    /// One way of delivering a line.
    public struct Delivery: Sendable, Equatable {
        public var name: String
        /// Verbs (base forms) whose tag gives this delivery.
        public var verbs: [String] = []
        /// Words or phrases of the tag that give it.
        public var adverbs: [String] = []
        public var variant: String?
        public var femaleVariant: String?
        /// Percent of the speaker's volume and rate.
        public var volumePercent = 100
        public var ratePercent = 100
        /// Added to the speaker's pitch and range.
        public var pitchChange = 0
        public var rangeChange = 0

        /// Creates a delivery.
        public init(
            name: String, verbs: [String] = [], adverbs: [String] = [], variant: String? = nil,
            femaleVariant: String? = nil, volumePercent: Int = 100, ratePercent: Int = 100, pitchChange: Int = 0,
            rangeChange: Int = 0
        ) {
            self.name = name
            self.verbs = verbs
            self.adverbs = adverbs
            self.variant = variant
            self.femaleVariant = femaleVariant
            self.volumePercent = volumePercent
            self.ratePercent = ratePercent
            self.pitchChange = pitchChange
            self.rangeChange = rangeChange
        }

        /// A speaker's voice delivered this way.
        public func apply(to settings: VoiceSettings, female: Bool) -> VoiceSettings {
            var changed = settings
            if let variant = (female ? femaleVariant : nil) ?? variant { changed.variant = variant }
            changed.volume = min(200, max(0, (settings.volume * volumePercent + 50) / 100))
            changed.rate = min(450, max(80, (settings.rate * ratePercent + 50) / 100))
            changed.pitch = min(100, max(0, settings.pitch + pitchChange))
            changed.range = min(100, max(0, settings.range + rangeChange))
            return changed
        }
    }

    /// The deliveries, in the order a tag is matched against them.
    public private(set) var deliveries: [Delivery]

    /// The deliveries known without a file.
    public static let builtIn = DeliveryTable(deliveries: [
        Delivery(
            name: "whispered", verbs: ["whisper", "murmur", "breathe", "hiss"],
            adverbs: [
                "softly", "quietly", "in a whisper", "under his breath", "under her breath", "in a low voice",
                "below her breath", "below his breath",
            ],
            variant: "whisper", femaleVariant: "whisperf", volumePercent: 40, ratePercent: 95),
        Delivery(
            name: "shouted", verbs: ["shout", "yell", "roar", "scream", "bellow", "shriek", "holler", "bawl"],
            adverbs: ["loudly", "at the top of his voice", "at the top of her voice", "at the top of his lungs"],
            volumePercent: 160, ratePercent: 110, pitchChange: 14, rangeChange: 20),
        // `cried` is most often an exclamation, not a shout (`"How can you?" cried Elizabeth`): louder,
        // higher and faster too, but less so.
        Delivery(
            name: "exclaimed", verbs: ["cry", "exclaim", "call"], adverbs: [],
            volumePercent: 125, ratePercent: 105, pitchChange: 8, rangeChange: 15),
        Delivery(
            name: "sobbed", verbs: ["sob", "weep", "wail", "whimper", "blubber"], adverbs: ["tearfully"],
            volumePercent: 85, ratePercent: 85, pitchChange: 6, rangeChange: 25),
        Delivery(
            name: "laughed", verbs: ["laugh", "chuckle", "giggle", "chortle", "titter"], adverbs: ["laughingly"],
            ratePercent: 110, pitchChange: 8, rangeChange: 20),
        Delivery(
            name: "muttered", verbs: ["mutter", "mumble", "grumble", "grunt", "growl"], adverbs: ["gruffly"],
            volumePercent: 75, ratePercent: 110, pitchChange: -8, rangeChange: -20),
        Delivery(
            name: "asked", verbs: ["ask", "inquire", "enquire", "query", "wonder"], adverbs: [],
            pitchChange: 4, rangeChange: 10),
    ])

    /// A table of these deliveries.
    public init(deliveries: [Delivery]) {
        self.deliveries = deliveries
    }

    /// The delivery of this name.
    public func delivery(named name: String) -> Delivery? { deliveries.first { $0.name == name } }

    /// The names, in order.
    public var names: [String] { deliveries.map(\.name) }

    /// The built-in table changed by a delivery file.
    public init(contentsOf path: String, variants: Set<String>? = nil) throws(ConfigError) {
        try self.init(document: ConfigDocument(path: path), variants: variants)
    }

    /// The built-in table changed by delivery YAML text; `path` names it in messages.
    public init(path: String, text: String, variants: Set<String>? = nil) throws(ConfigError) {
        try self.init(document: ConfigDocument(path: path, text: text), variants: variants)
    }

    static let keys = ["verbs", "adverbs", "variant", "female-variant", "volume", "rate", "pitch", "range"]

    init(document: ConfigDocument, variants: Set<String>?) throws(ConfigError) {
        var deliveries = DeliveryTable.builtIn.deliveries
        guard let root = document.root else {
            self.init(deliveries: deliveries)
            return
        }
        guard case .mapping(let mapping) = root else {
            throw document.error(root, "a delivery file must be a mapping of delivery names to their changes")
        }
        for (keyNode, value) in mapping {
            guard let name = keyNode.string, DeliveryTable.isName(name) else {
                throw document.error(keyNode, "a delivery name must be a lowercase word (whispered)")
            }
            var delivery = Delivery(name: name)
            for (key, _, node) in try document.mapping(value, allowed: DeliveryTable.keys, what: "a delivery") {
                switch key {
                case "verbs":
                    delivery.verbs = try document.strings(node, key: key).map { $0.lowercased() }
                    if let bad = delivery.verbs.first(where: { $0.contains(" ") || $0.isEmpty }) {
                        throw document.error(node, "'\(bad)' is not one verb; put phrases under 'adverbs'")
                    }
                case "adverbs": delivery.adverbs = try document.strings(node, key: key).map { $0.lowercased() }
                case "variant", "female-variant":
                    let variant = try document.string(node, key: key)
                    if let variants, !variants.contains(variant) {
                        throw document.error(node, "unknown espeak-ng variant '\(variant)' (see `audiobook voices`)")
                    }
                    if key == "variant" { delivery.variant = variant } else { delivery.femaleVariant = variant }
                case "volume":
                    delivery.volumePercent = try DeliveryTable.percent(node, key: key, range: 0...400, document)
                case "rate": delivery.ratePercent = try DeliveryTable.percent(node, key: key, range: 25...400, document)
                case "pitch": delivery.pitchChange = try document.integer(node, key: key, range: -100...100)
                case "range": delivery.rangeChange = try document.integer(node, key: key, range: -100...100)
                default: break
                }
            }
            if let index = deliveries.firstIndex(where: { $0.name == name }) {
                deliveries[index] = delivery
            } else {
                deliveries.append(delivery)
            }
        }
        self.init(deliveries: deliveries)
    }

    /// `50%`: a whole percentage within a range.
    private static func percent(
        _ node: Node, key: String, range: ClosedRange<Int>, _ document: ConfigDocument
    ) throws(ConfigError) -> Int {
        let text = try document.string(node, key: key).trimmingCharacters(in: .whitespaces)
        guard text.hasSuffix("%"), let value = Int(text.dropLast()) else {
            throw document.error(node, "'\(key)' must be a percentage of the speaker's own (50%)")
        }
        guard range.contains(value) else {
            throw document.error(node, "'\(key)' is \(value)%, out of range \(range.lowerBound)–\(range.upperBound)%")
        }
        return value
    }

    /// A delivery name: lowercase letters and `-`, as a script's `{whispered}` mark holds it.
    public static func isName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter else { return false }
        return name.allSatisfy { ($0.isLetter && $0.isLowercase) || $0 == "-" }
    }

    // MARK: Reading a tag

    /// The delivery a line's tag gives it: the first verb form or adverb phrase among the tag's
    /// words that a delivery lists. `words` are lowercased.
    public func delivery(forTag words: [String]) -> String? {
        for (position, word) in words.enumerated() {
            for delivery in deliveries {
                if delivery.verbs.contains(where: { DeliveryTable.forms(of: $0).contains(word) }) {
                    return delivery.name
                }
                for phrase in delivery.adverbs {
                    let parts = phrase.split(separator: " ").map(String.init)
                    if position + parts.count <= words.count, Array(words[position..<position + parts.count]) == parts {
                        return delivery.name
                    }
                }
            }
        }
        return nil
    }

    /// The forms of a verb a tag may use: `cry` → cries, cried, crying; `sob` → sobbed, sobbing.
    static func forms(of verb: String) -> Set<String> {
        var forms: Set<String> = [verb, verb + "s", verb + "es", verb + "ed", verb + "ing"]
        if verb.hasSuffix("e") {
            forms.insert(verb + "d")
            forms.insert(String(verb.dropLast()) + "ing")
        }
        if verb.hasSuffix("y"), verb.count > 2 {
            let stem = String(verb.dropLast())
            forms.insert(stem + "ies")
            forms.insert(stem + "ied")
        }
        if let last = verb.last, !"aeiouwxy".contains(last), verb.count >= 3,
            "aeiou".contains(verb[verb.index(verb.endIndex, offsetBy: -2)])
        {
            forms.insert(verb + String(last) + "ed")
            forms.insert(verb + String(last) + "ing")
        }
        return forms
    }
}

extension DeliveryTable {
    /// How many words of narration next to a quotation are read as its tag.
    static let tagWords = 8

    /// Gives each quotation among a scene's lines its delivery: from the narration right after it
    /// in its paragraph (its tag, up to the sentence's end), else from narration before it that
    /// leads into it (ending in `,` or `:`, as in `"…," she whispered, "…"`), else `shouted` when
    /// it is written in capitals. A line that already has a delivery keeps it.
    public func direct(_ lines: inout [ScriptLine]) {
        for index in lines.indices where lines[index].kind == .dialogue && lines[index].delivery == nil {
            let paragraph = lines[index].paragraph
            var found: String?
            if index + 1 < lines.count, lines[index + 1].paragraph == paragraph, lines[index + 1].kind == .narration {
                found = delivery(forTag: DeliveryTable.leadingWords(of: lines[index + 1].text))
            }
            if found == nil, index > 0, lines[index - 1].paragraph == paragraph, lines[index - 1].kind == .narration {
                let before = lines[index - 1].text.trimmingCharacters(in: .whitespaces)
                if before.hasSuffix(",") || before.hasSuffix(":") || before.hasSuffix("—") {
                    let words = Lexicon.words(in: before).map { $0.word.lowercased() }
                    found = delivery(forTag: Array(words.suffix(DeliveryTable.tagWords)))
                }
            }
            if found == nil, DeliveryTable.isInCapitals(lines[index].text), delivery(named: "shouted") != nil {
                found = "shouted"
            }
            lines[index].delivery = found
        }
    }

    /// The first words of a narration, up to the end of its first sentence.
    static func leadingWords(of text: String) -> [String] {
        let end = text.firstIndex { ".!?;".contains($0) } ?? text.endIndex
        return Lexicon.words(in: String(text[..<end])).prefix(tagWords).map { $0.word.lowercased() }
    }

    /// Whether a quotation is written in capitals (`"STOP THAT!"`): four capitals or more and no small letter.
    static func isInCapitals(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter)
        return letters.count >= 4 && !letters.contains(where: \.isLowercase) && letters.contains(where: \.isUppercase)
    }
}

/// Who speaks one quotation, which rule decided it, and how sure it is.
public struct Attribution: Sendable, Equatable {
    /// The character id in the `CharacterTable`, or nil for `unknown`.
    public var speaker: Int?
    /// The rule that decided.
    public var rule: AttributionRule
    /// 0–1: how often this rule is right.
    public var confidence: Double

    static let unknown = Attribution(speaker: nil, rule: .unknown, confidence: 0)
}

/// The rules of attribution, in the order they are tried.
public enum AttributionRule: String, Sendable, CaseIterable {
    /// A named speaker in a speech tag: `"…," said Tessa`.
    case speechVerb = "speech-verb"
    /// `I say`: the point-of-view character.
    case firstPerson = "first-person"
    /// `she whispers`: the nearest fitting character.
    case pronoun
    /// `cried his wife`, `said the old gentleman`.
    case description
    /// The speaker gives their own name: "My name is Oliver."
    case selfNamed = "self-named"
    /// A quotation that goes on in the next paragraph keeps its speaker.
    case continued
    /// Another quotation in the same paragraph has a tag.
    case sameParagraph = "same-paragraph"
    /// The paragraph's narration is about one character only.
    case actionBeat = "action-beat"
    /// The previous speaker addressed this one by name.
    case vocative
    /// Unmarked turns in an exchange alternate.
    case turnTaking = "turn-taking"
    /// The most prominent fitting character nearby.
    case salience
    /// Nothing decided.
    case unknown

    /// How often the rule is right, as a default confidence (measured on the PDNC dev novels).
    var confidence: Double {
        switch self {
        case .speechVerb: return 0.95
        case .firstPerson: return 0.95
        case .selfNamed: return 0.9
        case .continued: return 0.9
        case .sameParagraph: return 0.85
        case .pronoun: return 0.85
        case .description: return 0.55
        case .actionBeat: return 0.8
        case .vocative: return 0.85
        case .turnTaking: return 0.85
        case .salience: return 0.35
        case .unknown: return 0
        }
    }
}

/// Who speaks one quotation, which rule decided it, and how sure it is.
public struct Attribution: Sendable, Equatable {
    /// The character in the `CharacterTable`, or nil for `unknown`.
    public var speaker: CharacterID?
    /// The rule that decided.
    public var rule: AttributionRule
    /// 0–1: how often this rule is right.
    public var confidence: Double

    static let unknown = Attribution(speaker: nil, rule: .unknown, confidence: 0)
}

/// The rules of attribution, by the stage that decides with them, in the order the stages run.
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
    /// The exchange decoder chose another speaker than the rules above, scoring the exchange as a whole.
    case decoded
    /// Nothing decided.
    case unknown
}

/// One quotation of the book: a segment of one of its paragraphs.
struct QuoteID: Hashable, Comparable, Sendable {
    /// The paragraph's index among all the book's paragraphs, in reading order.
    var paragraph: Int
    /// The quotation's segment index in its paragraph.
    var segment: Int

    static func < (lhs: QuoteID, rhs: QuoteID) -> Bool { (lhs.paragraph, lhs.segment) < (rhs.paragraph, rhs.segment) }
}

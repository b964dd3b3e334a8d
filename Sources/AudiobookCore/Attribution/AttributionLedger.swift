/// The decisions of one attribution run: who speaks each quotation, by which rule, how surely.
/// Stages read the evidence and write here; nothing else changes during a run.
struct AttributionLedger: Sendable {
    /// The quotation segments of every paragraph, to answer for a paragraph as a whole.
    private let quoteSegments: [[Int]]
    private var decisions: [QuoteID: Attribution] = [:]
    /// Per scene: the character a first-person narrator is there, when others name them.
    var sceneNarrators: [CharacterID?]
    /// What the exchange decoder saw of each exchange it decoded, when asked to keep it (nil: not kept).
    var decoderExamples: [DecoderExample]?

    /// An empty ledger for a book.
    init(book: BookPassages) {
        quoteSegments = book.quoteSegments
        sceneNarrators = Array(repeating: nil, count: book.sceneRanges.count)
    }

    /// The decision on one quotation, if any.
    subscript(_ quote: QuoteID) -> Attribution? {
        get { decisions[quote] }
        set { decisions[quote] = newValue }
    }

    /// The decisions on a paragraph's quotations, in order (undecided ones left out).
    func decisions(in paragraph: Int) -> [Attribution] {
        quoteSegments[paragraph].compactMap { decisions[QuoteID(paragraph: paragraph, segment: $0)] }
    }

    /// The speaker of a paragraph: the one its last attributed quotation has.
    func speaker(of paragraph: Int) -> CharacterID? {
        decisions(in: paragraph).compactMap(\.speaker).last
    }

    /// The speaker of a paragraph's first attributed quotation.
    func firstSpeaker(of paragraph: Int) -> CharacterID? {
        decisions(in: paragraph).compactMap(\.speaker).first
    }

    /// Whether any quotation of the paragraph is decided.
    func hasDecision(in paragraph: Int) -> Bool {
        quoteSegments[paragraph].contains { decisions[QuoteID(paragraph: paragraph, segment: $0)] != nil }
    }

    /// Gives a paragraph's undecided quotations a speaker; refused (false) when a tag of the
    /// paragraph that could not be resolved ("returned she", "cried his wife") says another gender.
    @discardableResult
    mutating func assign(
        _ paragraph: Int, _ speaker: CharacterID, _ rule: AttributionRule, confidence: Double,
        evidence: AttributionEvidence
    ) -> Bool {
        guard evidence.fitsTags(speaker, in: paragraph, undecidedIn: self) else { return false }
        for segment in quoteSegments[paragraph] where decisions[QuoteID(paragraph: paragraph, segment: segment)] == nil
        {
            decisions[QuoteID(paragraph: paragraph, segment: segment)] = Attribution(
                speaker: speaker, rule: rule, confidence: confidence)
        }
        return true
    }
}

import Foundation

/// How each character talks: the words of the quotations a named tag gives them ("Thquire", "my
/// dear", "ma'am", "porochial"), as a smoothed unigram model against the book's speech as a whole.
/// It tells apart two people taking turns when nothing else does.
struct SpeakingStyles: Sendable {
    /// Word counts per character, and their totals.
    private var counts: [CharacterID: [String: Int]] = [:]
    private var totals: [CharacterID: Int] = [:]
    /// Word counts of every quotation of the book.
    private var background: [String: Int] = [:]
    private var backgroundTotal = 0

    /// How much a character's own counts weigh against the background, and how many words a style needs.
    private let weights: AttributionWeights.Styles

    /// The words of a quotation, as the model counts them: lower-cased words, and `!` and `?`.
    static func words(of tokens: [Token]) -> [String] {
        tokens.compactMap { token in
            if token.isWord { return token.lower }
            return token.text == "!" || token.text == "?" ? token.text : nil
        }
    }

    /// Learns the styles from the quotations the explicit-tag stage gave a named speaker (`speech-verb`).
    /// Not a first-person narrator's (`said I`): a story told in the first person inside a quotation sounds like them.
    init(evidence: AttributionEvidence, ledger: AttributionLedger) {
        var all: [[String]] = []
        var named: [(speaker: CharacterID, words: [String])] = []
        for (p, passage) in evidence.book.passages.enumerated() {
            for s in passage.quoteIndices {
                let words = SpeakingStyles.words(of: passage.tokens[s])
                all.append(words)
                if let attribution = ledger[QuoteID(paragraph: p, segment: s)], attribution.rule == .speechVerb,
                    let speaker = attribution.speaker
                {
                    named.append((speaker, words))
                }
            }
        }
        self.init(all: all, named: named, weights: evidence.weights.styles)
    }

    /// Counts the book's quotations (`all`) and, per character, those a tag names them in (`named`).
    init(all: [[String]], named: [(speaker: CharacterID, words: [String])], weights: AttributionWeights.Styles) {
        self.weights = weights
        for words in all {
            for word in words { background[word, default: 0] += 1 }
            backgroundTotal += words.count
        }
        for (speaker, words) in named {
            for word in words { counts[speaker, default: [:]][word, default: 0] += 1 }
            totals[speaker, default: 0] += words.count
        }
    }

    /// Whether enough of the character's speech is known to judge by.
    func knows(_ speaker: CharacterID) -> Bool {
        totals[speaker, default: 0] >= weights.minimumWords
    }

    /// The log-likelihood of the words in the character's style, or nil when too little is known of it.
    func logLikelihood(of words: [String], by speaker: CharacterID) -> Double? {
        guard knows(speaker), let own = counts[speaker], let total = totals[speaker], backgroundTotal > 0 else {
            return nil
        }
        let mu = weights.smoothing
        var sum = 0.0
        for word in words {
            let prior = (Double(background[word, default: 0]) + 0.5) / Double(backgroundTotal)
            sum += log((Double(own[word, default: 0]) + mu * prior) / (Double(total) + mu))
        }
        return sum
    }
}

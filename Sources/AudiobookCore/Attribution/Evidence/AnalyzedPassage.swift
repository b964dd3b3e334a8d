/// A passage with the spoken text and the words of each segment, ready for attribution.
struct AnalyzedPassage: Sendable {
    var passage: Passage
    /// Per segment: the text as spoken (hard wraps folded, emphasis markers out).
    var texts: [SpokenText]
    /// Per segment: its words and punctuation.
    var tokens: [[Token]]

    init(_ passage: Passage, in manuscript: Manuscript) {
        self.passage = passage
        texts = passage.segments.map { EmphasisMarkup.strip(manuscript.text($0.start..<$0.end)) }
        tokens = texts.map { Token.tokenize($0.text) }
    }

    var segments: [Passage.Segment] { passage.segments }

    /// Indices of the quotation segments.
    var quoteIndices: [Int] { segments.indices.filter { segments[$0].isQuote } }

    /// Number of words of narration.
    var narrationWordCount: Int {
        segments.indices.filter { !segments[$0].isQuote }.reduce(0) { $0 + tokens[$1].count(where: \.isWord) }
    }
}

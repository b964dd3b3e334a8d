/// The book's paragraphs in reading order, and which of them each scene holds. Paragraphs are
/// named by their index here; quotations by `QuoteID`.
struct BookPassages: Sendable {
    /// Every paragraph of the book.
    let passages: [AnalyzedPassage]
    /// Per scene: the indices of its paragraphs.
    let sceneRanges: [Range<Int>]
    /// Per paragraph: its scene.
    let sceneOfPassage: [Int]
    /// Per paragraph: the segment indices of its quotations, found once.
    let quoteSegments: [[Int]]

    /// The paragraphs of each scene, in order.
    init(scenes: [[AnalyzedPassage]]) {
        var passages: [AnalyzedPassage] = []
        var ranges: [Range<Int>] = []
        var sceneOf: [Int] = []
        for scene in scenes {
            let start = passages.count
            passages += scene
            ranges.append(start..<passages.count)
            sceneOf += Array(repeating: ranges.count - 1, count: scene.count)
        }
        self.passages = passages
        sceneRanges = ranges
        sceneOfPassage = sceneOf
        quoteSegments = passages.map(\.quoteIndices)
    }

    subscript(_ paragraph: Int) -> AnalyzedPassage { passages[paragraph] }

    /// The paragraphs of the scene a paragraph is in.
    func sceneRange(of paragraph: Int) -> Range<Int> { sceneRanges[sceneOfPassage[paragraph]] }

    /// The quotations of a paragraph.
    func quotes(of paragraph: Int) -> [QuoteID] {
        quoteSegments[paragraph].map { QuoteID(paragraph: paragraph, segment: $0) }
    }

    /// The last quotation of the paragraph just before, if it has one.
    func lastQuote(before paragraph: Int) -> QuoteID? {
        guard paragraph > 0, let segment = quoteSegments[paragraph - 1].last else { return nil }
        return QuoteID(paragraph: paragraph - 1, segment: segment)
    }
}

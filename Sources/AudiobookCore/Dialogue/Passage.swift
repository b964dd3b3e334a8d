/// A paragraph cut into narration and quotations.
public struct Passage: Sendable, Equatable {
    /// One stretch of a paragraph: narration, or the words inside a pair of quotation marks.
    public struct Segment: Sendable, Equatable {
        /// Whether the segment is quoted speech.
        public var isQuote: Bool
        /// Byte offsets of the text, trimmed of white space (inside the marks for quotes).
        public var start: Int
        public var end: Int
    }

    /// The paragraph's block.
    public var block: TextBlock
    /// Narration and quotations in order; narration that is only punctuation is dropped.
    public var segments: [Segment]
    /// The first quotation continues one left open at the end of the previous paragraph.
    public var continuesQuotation = false
    /// The last quotation is left open: the next paragraph may continue it.
    public var endsInsideQuotation = false
    /// Where a quotation was opened and never closed (byte offset), for a warning.
    public var unclosedQuotationAt: Int?

    /// Whether any segment is speech.
    public var hasQuotation: Bool { segments.contains(where: \.isQuote) }
}

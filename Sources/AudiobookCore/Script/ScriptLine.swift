/// What a script line is.
public enum LineKind: String, Sendable, Codable, CaseIterable {
    case narration
    case dialogue
    case heading
}

/// One spoken line of the script: a heading, a stretch of narration or one quotation.
public struct ScriptLine: Sendable, Equatable {
    /// `narrator` for narration and headings; for dialogue the character, `narrator` or `unknown`.
    public var speaker: String
    /// Narration, dialogue or heading.
    public var kind: LineKind
    /// The words as spoken: hard wraps folded, emphasis markers out.
    public var text: String
    /// `[start, end)` UTF-8 byte offsets into the manuscript file.
    public var start: Int
    public var end: Int
    /// 1-based line of the manuscript where the line starts.
    public var sourceLine: Int
    /// 1-based number of the paragraph (or heading) within its scene: lines of one paragraph share it.
    public var paragraph: Int
    /// Emphasised spans of `text`, in Unicode scalar offsets.
    public var emphasis: [Range<Int>]
    /// 0–1, for dialogue.
    public var confidence: Double?
    /// The attribution rule that decided, for dialogue.
    public var rule: String?
    /// How the line is delivered (`whispered`: a name in the delivery table), from its tag or the script.
    public var delivery: String?

    /// Creates a line.
    public init(
        speaker: String, kind: LineKind, text: String, start: Int, end: Int, sourceLine: Int, paragraph: Int = 1,
        emphasis: [Range<Int>] = [], confidence: Double? = nil, rule: String? = nil,
        delivery: String? = nil
    ) {
        self.delivery = delivery
        self.paragraph = paragraph
        self.speaker = speaker
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        self.sourceLine = sourceLine
        self.emphasis = emphasis
        self.confidence = confidence
        self.rule = rule
    }

    /// The reserved speaker of narration, headings and an unnamed first-person narrator.
    public static let narrator = "narrator"
    /// The speaker of a quotation no rule could attribute.
    public static let unknown = "unknown"
}

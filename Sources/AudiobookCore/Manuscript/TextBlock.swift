/// A run of lines that belong together: a paragraph, a heading line or a scene break.
public struct TextBlock: Sendable, Equatable {
    /// What the block is.
    public enum Kind: Sendable, Equatable {
        case paragraph
        case heading
        case sceneBreak
    }

    /// What the block is.
    public var kind: Kind
    /// Indices into `Manuscript.lines`.
    public var lineIndices: Range<Int>
    /// Byte offset of the first non-blank byte (after any Markdown `#` marks for headings).
    public var start: Int
    /// Byte offset just past the last non-blank byte.
    public var end: Int
}

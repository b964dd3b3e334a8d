/// One scene of a manuscript before dialogue is found: its chapter and its blocks.
public struct SceneLayout: Sendable, Equatable {
    /// The title of the chapter the scene is in, if the book has headings.
    public var chapter: String?
    /// Headings and paragraphs in reading order (scene breaks are not kept).
    public var blocks: [TextBlock]
}

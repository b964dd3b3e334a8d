/// One physical line of a manuscript, as UTF-8 byte offsets into the file as read.
public struct SourceLine: Sendable, Equatable {
    /// 1-based line number.
    public var number: Int
    /// Offset of the first byte of the line.
    public var start: Int
    /// Offset just past the last byte, before any CR/LF.
    public var end: Int
}

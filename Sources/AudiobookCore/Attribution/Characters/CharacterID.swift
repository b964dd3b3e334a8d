/// A character of the book: its place in the `CharacterTable`.
public struct CharacterID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The index into `CharacterTable.characters`.
    public let index: Int

    /// The character at `index` of the table.
    public init(_ index: Int) { self.index = index }

    public static func < (lhs: CharacterID, rhs: CharacterID) -> Bool { lhs.index < rhs.index }

    public var description: String { "#\(index)" }
}

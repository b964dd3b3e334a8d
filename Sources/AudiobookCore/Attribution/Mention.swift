/// A character named (or `I`) in a passage's narration.
struct Mention: Sendable, Equatable {
    var character: Int
    /// Segment index in the passage.
    var segment: Int
    /// Token index in the segment.
    var token: Int
    /// The mention opens its sentence or clause, so it is likely the one acting.
    var isSubject: Bool
    /// The mention follows a preposition (`to Charlotte`, `with Elizabeth`): someone acted upon, not acting.
    var isObject = false
}

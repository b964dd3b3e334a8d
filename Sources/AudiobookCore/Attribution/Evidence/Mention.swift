/// A character named (or `I`) in a passage's narration.
struct Mention: Sendable, Equatable {
    /// What the mention is in its clause.
    enum Role: Sendable, Equatable {
        /// It opens its sentence or clause, so it is likely the one acting.
        case subject
        /// It follows a preposition (`to Charlotte`, `with Elizabeth`): someone acted upon, not acting.
        case object
        /// Anywhere else.
        case other
    }

    var character: CharacterID
    /// Segment index in the passage.
    var segment: Int
    /// Token index in the segment.
    var token: Int
    var role: Role

    /// Named as the one acting.
    var isSubject: Bool { role == .subject }
    /// Named as acted upon.
    var isObject: Bool { role == .object }
}

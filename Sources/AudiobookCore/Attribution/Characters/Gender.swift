/// A character's grammatical gender, as pronouns and honorifics show it.
public enum Gender: String, Sendable, Codable, CaseIterable {
    case female
    case male
    case unknown
}

extension Gender {
    /// The other known gender; unknown stays unknown.
    var opposite: Gender {
        switch self {
        case .female: return .male
        case .male: return .female
        case .unknown: return .unknown
        }
    }
}

/// A character's grammatical gender, as pronouns and honorifics show it.
public enum Gender: String, Sendable, Codable, CaseIterable {
    case female
    case male
    case unknown
}

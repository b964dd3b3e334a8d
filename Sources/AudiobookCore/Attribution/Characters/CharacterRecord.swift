/// A person who can speak in the book, found in the text or given by a cast file.
public struct CharacterRecord: Sendable, Equatable {
    /// Position in the table.
    public var id: CharacterID
    /// Canonical name, used as the speaker.
    public var name: String
    /// The names the text uses for this person, with how often each occurs.
    public var forms: [String: Int]
    /// Gender, when known.
    public var gender: Gender
    /// The first-person narrator ("I").
    public var isNarrator: Bool
    /// A voice profile named by the cast file.
    public var voice: String?
    /// Found with speech evidence (a speech tag or vocative), not only as a capitalised word.
    public var hasSpeechEvidence: Bool

    /// Other names for the character, most frequent first, without the canonical one.
    public var aliases: [String] {
        forms.filter { $0.key != name }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
    }
}

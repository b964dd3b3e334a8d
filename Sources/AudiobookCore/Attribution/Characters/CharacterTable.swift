/// The characters of a book and every name that points to them.
public struct CharacterTable: Sendable {
    /// All characters; `id` is the index.
    public private(set) var characters: [CharacterRecord] = []
    /// Normalised name form to the characters it may mean.
    private var index: [String: Set<CharacterID>] = [:]
    /// The first-person narrator, when the book has one.
    public private(set) var narratorID: CharacterID?
    /// The table came from a cast file: speakers are chosen among its characters only.
    public private(set) var isFromCast = false

    /// An empty table.
    public init() {}

    /// The key a name is looked up by: lower-case, no periods, no `the`, no possessive.
    static func normalize(_ form: String) -> String {
        var text = form.lowercased()
        if text.utf8.contains(0xE2) { text = text.replacingOccurrences(of: "\u{2019}", with: "'") }
        if text.hasSuffix("'s") { text.removeLast(2) } else if text.hasSuffix("s'") { text.removeLast() }
        var words = text.split(whereSeparator: { $0 == " " || $0 == "." || $0 == "\t" || $0 == "\n" })
        if words.first == "the" || words.first == "a" { words.removeFirst() }
        return words.joined(separator: " ")
    }

    /// Adds a character and returns its id.
    @discardableResult
    mutating func add(
        name: String, gender: Gender, isNarrator: Bool = false, voice: String? = nil, speechEvidence: Bool = true
    ) -> CharacterID {
        let id = CharacterID(characters.count)
        characters.append(
            CharacterRecord(
                id: id, name: name, forms: [:], gender: gender, isNarrator: isNarrator,
                voice: voice, hasSpeechEvidence: speechEvidence))
        register(name, for: id)
        if isNarrator { narratorID = id }
        return id
    }

    /// Makes `form` a name of character `id`.
    mutating func register(_ form: String, for id: CharacterID, count: Int = 0) {
        let key = CharacterTable.normalize(form)
        guard !key.isEmpty else { return }
        index[key, default: []].insert(id)
        if count > 0 || characters[id.index].forms[form] == nil {
            characters[id.index].forms[form, default: 0] += count
        }
    }

    /// Registers `form` only if no other character already answers to it.
    mutating func registerIfFree(_ form: String, for id: CharacterID) {
        let key = CharacterTable.normalize(form)
        guard !key.isEmpty else { return }
        if let owners = index[key], !owners.isSubset(of: [id]) {
            if !owners.contains(id) { index[key] = owners.union([id]) }  // now ambiguous
            return
        }
        index[key, default: []].insert(id)
    }

    /// The one character a name means, or nil when it means none or several.
    public func resolve(_ form: String) -> CharacterID? {
        guard let ids = index[CharacterTable.normalize(form)], ids.count == 1 else { return nil }
        return ids.first
    }

    /// Every character a name may mean.
    func candidates(_ form: String) -> Set<CharacterID> { index[CharacterTable.normalize(form)] ?? [] }

    /// The character an id names.
    public subscript(_ id: CharacterID) -> CharacterRecord { characters[id.index] }

    mutating func setGender(_ gender: Gender, of id: CharacterID) { characters[id.index].gender = gender }
    mutating func setName(_ name: String, of id: CharacterID) { characters[id.index].name = name }
    mutating func markSpeechEvidence(_ id: CharacterID) { characters[id.index].hasSpeechEvidence = true }

    /// Builds the table from a cast file. Each character also answers to its
    /// first and last names and their nicknames when no one else in the cast does.
    public init(cast: CastFile) {
        isFromCast = true
        for entry in cast.characters {
            let id = add(name: entry.name, gender: entry.gender, isNarrator: entry.isPointOfView, voice: entry.voice)
            for alias in entry.aliases { register(alias, for: id) }
        }
        var derived: [String: Set<CharacterID>] = [:]
        for character in characters {
            for form in [character.name] + Array(character.forms.keys) {
                for part in CharacterTable.derivedForms(of: form) { derived[part, default: []].insert(character.id) }
            }
        }
        for (form, ids) in derived where ids.count == 1 && index[form] == nil {
            index[form] = ids
        }
        mergeBareNameEntries()
    }

    /// A hand-written cast often lists a person twice: once in full ("Josiah Bounderby", also "Mr.
    /// Bounderby") and once under the one word the text calls them by ("Bounderby", nothing else
    /// known). The one-word entry then answers to that word in the text and takes the full entry's
    /// lines. Such an entry (one word, no aliases, no gender) is read as the full entry it is part of:
    /// the only entry whose names contain the word, or, when several do (a family name), the one
    /// called "Mr." + that word, since a bare surname in narration means the man of the family.
    private mutating func mergeBareNameEntries() {
        for entry in characters where entry.forms.count == 1 && entry.gender == .unknown && !entry.isNarrator {
            let word = CharacterTable.normalize(entry.name)
            guard !word.isEmpty, !word.contains(" "), !NameLexicon.isHonorific(word),
                !NameLexicon.isHonorific(word + ".")
            else { continue }
            let fuller = characters.filter { other in
                other.id != entry.id
                    && ([other.name] + Array(other.forms.keys)).contains { form in
                        let words = CharacterTable.normalize(form).split(separator: " ")
                        return words.count > 1 && words.contains(Substring(word))
                    }
            }
            let man = fuller.filter { $0.forms.keys.contains { CharacterTable.normalize($0) == "mr \(word)" } }
            guard let target = fuller.count == 1 ? fuller.first : (man.count == 1 ? man.first : nil) else { continue }
            index[word] = [target.id]
        }
    }

    /// First name, last name and honorific + last name of a full name.
    static func derivedForms(of form: String) -> [String] {
        let words = normalize(form).split(separator: " ").map(String.init)
        guard words.count >= 2 else { return [] }
        var names = words
        var honorific: String?
        if NameLexicon.isHonorific(names[0]) || NameLexicon.isHonorific(names[0] + ".") {
            honorific = names.removeFirst()
        }
        var forms: [String] = []
        if let last = names.last, names.count >= 1 { forms.append(last) }
        if let first = names.first, names.count >= 2 {
            forms.append(first)
            forms += (NameLexicon.nicknames.filter { $0.value.contains(first) }.map(\.key))
        }
        if let honorific, names.count >= 2, let last = names.last { forms.append("\(honorific) \(last)") }
        return forms.filter { !NameLexicon.nonNames.contains($0) }
    }
}

/// Finding the character a name in the text means, and what a character may be.
extension CharacterTable {
    /// The character a name means; "Somehow Anne" falls back to "Anne". With a cast that lists
    /// "Thomas Gradgrind" and a text that says "Mr. Gradgrind": the surname, then the given name,
    /// when exactly one character of a fitting gender answers to it.
    func lookUp(_ form: String) -> CharacterID? {
        if let id = resolve(form) { return id }
        var words = form.split(separator: " ")
        while words.count > 1, let first = words.first, first != "the", !NameLexicon.isHonorific(first.lowercased()) {
            words.removeFirst()
            if let id = resolve(words.joined(separator: " ")) { return id }
        }
        guard isFromCast, words.count >= 2 || (words.count == 1 && form.contains(" ")) else { return nil }
        let all = form.split(separator: " ")
        let honorific = all.first.map { $0.lowercased() }.flatMap { NameLexicon.isHonorific($0) ? $0 : nil }
        let gender = honorific.flatMap { NameLexicon.honorifics[$0] } ?? .unknown
        let names = all.filter { !NameLexicon.isHonorific($0.lowercased()) && $0 != "the" }
        for candidate in [names.last, names.count > 1 ? names.first : nil].compactMap({ $0 }) {
            let ids = candidates(String(candidate)).filter { gender == .unknown || self[$0].gender != gender.opposite }
            if ids.count == 1 { return ids.first }
        }
        return nil
    }

    /// A speaker candidate: found with speech evidence, or with a known gender, or listed in a cast;
    /// a capitalised word with none of these may well be a place.
    func isLikelyPerson(_ id: CharacterID) -> Bool {
        let character = self[id]
        return character.hasSpeechEvidence || character.gender != .unknown || character.isNarrator || isFromCast
    }

    /// Whether the character is of the gender (any, when the gender is unknown).
    func fits(_ id: CharacterID, _ gender: Gender) -> Bool {
        gender == .unknown || self[id].gender == gender
    }

    /// Whether a cast gives the phrase as the alias of a named character (`The Beadle` of `Mr. Bumble`),
    /// which settles who it is; an entry that is only a description (`The Doctor`) does not.
    func isCastAlias(_ phrase: String) -> Bool {
        guard isFromCast, let id = resolve(phrase) else { return false }
        return !self[id].name.lowercased().hasPrefix("the ")
    }
}

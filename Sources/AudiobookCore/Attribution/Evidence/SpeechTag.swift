/// "said Tessa", "she whispers", "I say", "cried his wife": who a speech verb names as speaking.
struct SpeechTag: Sendable, Equatable {
    /// The grammatical subject of the speech verb.
    enum Subject: Sendable, Equatable {
        /// A proper name as written ("Tessa", "Mr. Bennet", "the Hatter").
        case name(String)
        /// `he` or `she`.
        case pronoun(Gender)
        /// `I`: the point-of-view character.
        case firstPerson
        /// A description ("his wife", "the old gentleman"): its words in lower case, and the gender its noun implies.
        case description(String, Gender)
    }

    var subject: Subject
    /// The verb's base form ("say", "go" for "went on").
    var verb: String
    /// Whether the verb is a beat (smiled, nodded) rather than a verb of speaking.
    var isWeak: Bool { SpeechVerbs.weak.contains(verb) }
    /// Verbs of thinking: the words are not said to anyone, so they take no turn in an exchange.
    var isThought: Bool { ["think", "wonder", "reflect", "remember", "recall"].contains(verb) }
    /// Verbs that say the same person goes on speaking.
    var continuesSpeaker: Bool {
        ["continue", "add", "go", "resume", "pursue", "persist", "proceed", "repeat"].contains(verb)
    }
    /// The gender a pronoun or description subject gives the speaker ("she", "his wife"), when it gives one.
    var gender: Gender? {
        switch subject {
        case .pronoun(let gender), .description(_, let gender):
            return gender == .unknown ? nil : gender
        case .name, .firstPerson:
            return nil
        }
    }
}

/// Finds speech tags in the narration next to a quotation.
enum SpeechTagParser {
    /// Words after which a name is governed by a preposition, not the subject of a verb.
    static let prepositions: Set<String> = [
        "to", "at", "with", "from", "of", "for", "on", "upon", "towards", "toward", "by", "about", "against", "after",
        "before", "behind", "beside", "near", "into", "than", "like", "between", "among", "under", "over", "without",
    ]

    /// Words that open a descriptive subject: "the doctor", "his wife", "a little man".
    static let determiners: Set<String> = [
        "the", "his", "her", "my", "a", "an", "their", "our", "this", "that", "its", "your",
    ]
    /// Prepositions that open the phrase telling a described person apart: "the gentleman in the white waistcoat".
    static let qualifiers: Set<String> = ["in", "with", "of"]

    /// Words that may stand between a subject and its verb ("she softly said").
    static func isAdverb(_ token: Token) -> Bool {
        token.isWord
            && (token.lower.hasSuffix("ly") && token.lower.count > 3
                || ["then", "now", "again", "at", "once", "still", "presently", "suddenly", "quickly", "only"].contains(
                    token.lower))
    }

    /// A speech tag and the token index of its verb in the narration it was found in.
    typealias Located = (tag: SpeechTag, verb: Int)

    /// A tag at the start of narration that follows a quotation: `said she`, `Tessa exclaims`.
    static func tagAfterQuote(_ tokens: [Token]) -> SpeechTag? { locatedTagAfterQuote(tokens)?.tag }

    /// `tagAfterQuote`, with where its verb is. After a quotation the tag's place makes a verb a
    /// speech verb whatever it is (`"…," rippled Anne`, `"…," Tessa apologised`), and a noun phrase
    /// after a verb its subject whatever its noun (`said the vicar`, `said nanny`), when the
    /// quotation ends with a comma (`quoteEndsClause`) or the verb comes first.
    static func locatedTagAfterQuote(_ tokens: [Token], quoteEndsClause: Bool = false) -> Located? {
        let words = Array(tokens.prefix(while: { $0.kind != .stop }).prefix(14))
        guard !words.isEmpty else { return nil }
        // Verb first: "said Tessa", "returned she", "cried his wife impatiently".
        var index = 0
        while index < words.count, isAdverb(words[index]) || words[index].kind == .pause { index += 1 }
        if index < words.count, index <= 2, let verb = verbAt(words, index) ?? tagPlaceVerb(words, index) {
            if let subject = subject(in: words, at: verb.next) ?? describedSubject(in: words, at: verb.next) {
                return (SpeechTag(subject: subject.subject, verb: verb.base), index)
            }
            // An epithet before the name: "remarked skeptical Anne", "cried poor Mrs. Bennet".
            if verb.next + 1 < words.count, words[verb.next].isWord, words[verb.next].text.first?.isLowercase == true,
                case .name? = subject(in: words, at: verb.next + 1)?.subject,
                let subject = subject(in: words, at: verb.next + 1)
            {
                return (SpeechTag(subject: subject.subject, verb: verb.base), index)
            }
        }
        // Subject first: "she says", "Mr. Bennet replied", "the old man said".
        if let subject = subject(in: words, at: 0) ?? describedSubject(in: words, at: 0, bare: false) {
            var cursor = subject.next
            while cursor < words.count, isAdverb(words[cursor]) { cursor += 1 }
            // Not reported speech or a verb with an object: "Elizabeth replied that it was", "He acknowledged the truth of it".
            if let verb = verbAt(words, cursor) ?? (quoteEndsClause ? tagPlaceVerb(words, cursor) : nil),
                verb.next >= words.count || !objectStarts.contains(words[verb.next].lower)
            {
                // A described subject needs a verb that speaks: "the door opened" is no tag.
                if case .description = subject.subject, SpeechVerbs.base(of: words[cursor].lower) == nil {
                    return nil
                }
                return (SpeechTag(subject: subject.subject, verb: verb.base), cursor)
            }
        }
        return nil
    }

    /// Past tenses that are not verbs.
    static let notVerbs: Set<String> = [
        "red", "bed", "hundred", "wicked", "naked", "sacred", "beloved", "ragged", "aged", "learned", "tired",
        "indeed", "need", "deed", "seed", "feed", "speed", "reed", "creed", "greed", "shed", "wed", "fled", "led",
        "bred", "sled", "dead", "head", "bread", "thread", "dread", "spread", "instead", "ahead", "forehead",
    ]

    /// A verb in the tag's place that no list knows: a past tense (`rippled`, `proclaimed`, `apologised`).
    static func tagPlaceVerb(_ words: [Token], _ index: Int) -> (base: String, next: Int)? {
        guard index < words.count, words[index].isWord, !words[index].isCapitalized else { return nil }
        let word = words[index].lower
        guard word.count >= 5, word.hasSuffix("ed"), !notVerbs.contains(word), !word.contains("'") else { return nil }
        return (word, index + 1)
    }

    /// A described speaker the list of person nouns does not know, in a tag's subject place:
    /// `the vicar`, `a page`, `her ladyship` (up to three words, ending at punctuation or the end),
    /// or, when `bare`, one lower-case noun (`said nanny`).
    static func describedSubject(
        in words: [Token], at index: Int, bare: Bool = true
    )
        -> (subject: SpeechTag.Subject, next: Int)?
    {
        guard index < words.count, words[index].isWord else { return nil }
        let first = words[index].lower
        if determiners.contains(first) {
            var end = index + 1
            while end < words.count, end - index <= 3, words[end].isWord, !words[end].isCapitalized,
                !prepositions.contains(words[end].lower), !qualifiers.contains(words[end].lower),
                SpeechVerbs.base(of: words[end].lower) == nil, !isAdverb(words[end])
            {
                end += 1
            }
            guard end > index + 1 else { return nil }
            let phrase = words[index..<end].map(\.lower).joined(separator: " ")
            let gender = words[index..<end].compactMap { NameLexicon.genderedNouns[$0.lower] }.last ?? .unknown
            return (.description(phrase, gender), end)
        }
        guard bare, !words[index].isCapitalized, !isAdverb(words[index]), first.count >= 3,
            index + 1 == words.count || !words[index + 1].isWord,
            !NameLexicon.functionWords.contains(first), !["one", "another", "nobody", "somebody"].contains(first)
        else { return nil }
        return (.description(first, NameLexicon.genderedNouns[first] ?? .unknown), index + 1)
    }

    /// Words that open what a verb says or acts on, when they follow it: it is then no tag.
    static let objectStarts: Set<String> = [
        "that", "the", "a", "an", "this", "it", "something", "nothing", "how", "what", "whether", "if",
    ]

    /// A tag in the narration that leads into a quotation: `Tessa said, "…"`, `Then he turned to me and said:`.
    static func tagBeforeQuote(_ tokens: [Token]) -> SpeechTag? { locatedTagBeforeQuote(tokens)?.tag }

    /// `tagBeforeQuote`, with where its verb is in `tokens`.
    static func locatedTagBeforeQuote(_ tokens: [Token]) -> Located? {
        guard let last = tokens.last, last.kind == .pause || last.kind == .word else { return nil }
        var sentenceStart = tokens.count
        while sentenceStart > 0, tokens[sentenceStart - 1].kind != .stop { sentenceStart -= 1 }
        var sentence = Array(tokens[sentenceStart...])
        // A long sentence: its last clause after a semicolon ("…a lively Scotch air; and soon Mr. Darcy said to her—").
        if sentence.count > 30, let semicolon = sentence.lastIndex(where: { $0.text == ";" }) {
            sentenceStart += semicolon + 1
            sentence = Array(sentence[(semicolon + 1)...])
        }
        guard sentence.count <= 30 else { return nil }
        for index in stride(from: sentence.count - 1, through: 0, by: -1) {
            guard let verb = verbAt(sentence, index), !SpeechVerbs.weak.contains(verb.base) else { continue }
            let located = { (subject: SpeechTag.Subject) in
                (tag: SpeechTag(subject: subject, verb: verb.base), verb: sentenceStart + index)
            }
            // "…looked at Ben, who said": the one the relative pronoun stands for.
            var before = index - 1
            while before >= 0, isAdverb(sentence[before]) { before -= 1 }
            if before >= 1, sentence[before].lower == "who" {
                let end = sentence[before - 1].kind == .pause ? before - 1 : before
                for start in stride(from: end - 1, through: max(0, end - 4), by: -1) {
                    if let found = subject(in: sentence, at: start), found.next == end { return located(found.subject) }
                }
            }
            // The subject is the last name or pronoun before the verb not governed by a preposition.
            var cursor = index - 1
            while cursor >= 0 {
                let token = sentence[cursor]
                if token.isWord, var found = subject(in: sentence, at: cursor), found.next <= index {
                    // Walking back lands on a name's last word: take the whole name ("Mr. Bennet", not "Bennet").
                    while cursor > 0, let longer = subject(in: sentence, at: cursor - 1), longer.next == found.next {
                        found = longer
                        cursor -= 1
                    }
                    let previous = cursor > 0 ? sentence[cursor - 1].lower : ""
                    if !prepositions.contains(previous) {
                        return located(found.subject)
                    }
                }
                cursor -= 1
            }
            if index + 1 < sentence.count, let subject = subject(in: sentence, at: index + 1) {
                return located(subject.subject)
            }
        }
        return nil
    }

    /// A speech verb at `index` (with its particle for phrasal verbs).
    static func verbAt(_ words: [Token], _ index: Int) -> (base: String, next: Int)? {
        guard index < words.count, words[index].isWord, let base = SpeechVerbs.base(of: words[index].lower) else {
            return nil
        }
        if let particles = SpeechVerbs.phrasal[base], index + 1 < words.count,
            particles.contains(words[index + 1].lower)
        {
            return (base, index + 2)
        }
        if SpeechVerbs.needsParticle.contains(base) { return nil }
        return (base, index + 1)
    }

    /// The noun phrase at `index` if it can be a speaker.
    static func subject(in words: [Token], at index: Int) -> (subject: SpeechTag.Subject, next: Int)? {
        guard index < words.count, words[index].isWord else { return nil }
        let word = words[index]
        let lower = word.lower
        if lower == "i" { return (.firstPerson, index + 1) }
        if let gender = NameLexicon.subjectPronouns[lower] { return (.pronoun(gender), index + 1) }
        if let name = NameSpan.at(words, index) { return (.name(name.form), name.end) }
        guard determiners.contains(lower) else { return nil }
        var cursor = index + 1
        var gender: Gender?
        var isPerson = false
        var head = cursor
        while cursor < words.count, cursor - index <= 4, words[cursor].isWord {
            let noun = words[cursor].lower
            if SpeechVerbs.base(of: noun) != nil, cursor > index + 1 { break }
            if let found = NameLexicon.genderedNouns[noun] {
                gender = found
                isPerson = true
                head = cursor + 1
            }
            if NameLexicon.personNouns.contains(noun) {
                isPerson = true
                head = cursor + 1
            }
            cursor += 1
        }
        guard isPerson else { return nil }
        // The phrase ends at its noun: "the girl", not "the girl firmly", unless a phrase that tells
        // the person apart follows it up to the punctuation: "the gentleman in the white waistcoat".
        var end = head
        if head + 2 < words.count, qualifiers.contains(words[head].lower),
            ["the", "a", "an"].contains(words[head + 1].lower)
        {
            var last = head + 2
            while last < words.count, last - head <= 5, words[last].isWord, words[last].text.first?.isLowercase == true,
                SpeechVerbs.base(of: words[last].lower) == nil
            {
                last += 1
            }
            if last > head + 2, last - head <= 5, last == words.count || !words[last].isWord { end = last }
        }
        let phrase = words[index..<end].map(\.lower).joined(separator: " ")
        if end > head { cursor = max(cursor, end) }
        return (.description(phrase, gender ?? .unknown), cursor)
    }
}

/// Names addressed inside a quotation: "Thanks, Tessa." "My dear Mr. Bennet, have you heard…"
enum Vocatives {
    static let leadIns: Set<String> = [
        "dear", "oh", "o", "ah", "my", "thanks", "thank", "yes", "no", "well", "hello", "hey", "good-bye", "goodbye",
        "please", "sorry", "look", "listen",
    ]

    /// The names in quotation tokens that stand where a name addresses someone.
    static func names(in tokens: [Token]) -> [NameSpan] {
        NameSpan.all(in: tokens).filter { isVocative($0, in: tokens) }
    }

    static func isVocative(_ span: NameSpan, in tokens: [Token]) -> Bool {
        let rightOK = span.end >= tokens.count || tokens[span.end].kind != .word
        guard rightOK else { return false }
        // A quotation that is only a name and a full stop answers a question ("What is his name?" "Bingley.").
        if nameAlone(in: tokens) == span { return false }
        if span.start == 0 { return true }
        let left = tokens[span.start - 1]
        if left.kind == .pause { return true }
        if left.kind == .stop { return span.end < tokens.count && tokens[span.end].kind == .pause }
        // "Oh, my dear Jane", but not "thinking of my dear Wickham": the lead-in words open a clause.
        var start = span.start - 1
        guard leadIns.contains(tokens[start].lower) else { return false }
        while start > 0, tokens[start - 1].isWord, leadIns.contains(tokens[start - 1].lower) { start -= 1 }
        return start == 0 || !tokens[start - 1].isWord
    }

    /// A quotation that is only a name and a full stop: an answer ("What's your name, then?" "Theo.").
    static func nameAlone(in tokens: [Token]) -> NameSpan? {
        guard let span = NameSpan.at(tokens, 0), span.end == tokens.count - 1, tokens[span.end].text == "." else {
            return nil
        }
        return span
    }

    /// Words that address someone of a gender without naming them: "Yes, sir." "Thank you, ma'am."
    static let genderedAddress: [String: Gender] = [
        "sir": .male, "mister": .male, "master": .male, "my lord": .male, "your lordship": .male,
        "ma'am": .female, "madam": .female, "madame": .female, "mum": .female, "marm": .female, "ma'm": .female,
        "miss": .female, "mistress": .female, "missis": .female, "missus": .female, "my lady": .female,
        "your ladyship": .female,
    ]

    /// The gender of the one a quotation addresses without naming, when its words say it ("No, sir"):
    /// such a word standing alone between punctuation or the quotation's ends.
    static func addressedGender(in tokens: [Token]) -> Gender? {
        func standsAlone(_ start: Int, _ end: Int) -> Bool {
            (start == 0 || !tokens[start - 1].isWord) && (end >= tokens.count || !tokens[end].isWord)
        }
        for index in tokens.indices where tokens[index].isWord {
            if let gender = genderedAddress[tokens[index].lower], standsAlone(index, index + 1) { return gender }
            if index + 1 < tokens.count, tokens[index + 1].isWord,
                let gender = genderedAddress[tokens[index].lower + " " + tokens[index + 1].lower],
                standsAlone(index, index + 2)
            {
                return gender
            }
        }
        return nil
    }

    /// The name a speaker gives as their own: "My name is Oliver", "Call me Anne", "I am Mr. Sholto",
    /// or a quotation that is only a name when the paragraph goes on "That is my name" (`saysThatIsMyName`).
    static func ownName(in tokens: [Token], saysThatIsMyName: Bool) -> NameSpan? {
        let words = tokens.map(\.lower)
        func standsAlone(_ span: NameSpan) -> Bool {
            !span.isPossessive && (span.end >= tokens.count || !tokens[span.end].isWord)
        }
        for index in words.indices {
            var start: Int?
            if words[index] == "my", index + 2 < words.count, words[index + 1] == "name", words[index + 2] == "is" {
                start = index + 3
            }
            if words[index] == "my", index + 1 < words.count, words[index + 1] == "name's" { start = index + 2 }
            if words[index] == "call", index + 1 < words.count, words[index + 1] == "me" { start = index + 2 }
            if words[index] == "i", index + 1 < words.count, words[index + 1] == "am" { start = index + 2 }
            if let start, let span = NameSpan.at(tokens, start), standsAlone(span),
                words[index] != "i" || span.hasHonorific
            {
                return span
            }
        }
        // "Mr. Thaddeus Sholto," said the little man. "That is my name."
        if saysThatIsMyName, let span = NameSpan.at(tokens, 0), !tokens[span.end...].contains(where: \.isWord) {
            return span
        }
        return nil
    }

    /// Whether a quotation says "that is my name".
    static func saysThatIsMyName(_ tokens: [Token]) -> Bool {
        let lower = tokens.map(\.lower)
        return lower.indices.contains { i in
            i + 3 < lower.count && ["that", "this"].contains(lower[i]) && lower[i + 1] == "is" && lower[i + 2] == "my"
                && lower[i + 3] == "name"
        }
    }
}

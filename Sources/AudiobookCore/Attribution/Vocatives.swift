/// Names addressed inside a quotation: "Thanks, Tessa." "My dear Mr. Bennet, have you heard…"
enum Vocatives {
    static let leadIns: Set<String> = ["dear", "oh", "o", "ah", "my", "thanks", "thank", "yes", "no", "well", "hello", "hey", "good-bye", "goodbye", "please", "sorry", "look", "listen"]

    /// The names in quotation tokens that stand where a name addresses someone.
    static func names(in tokens: [Token]) -> [NameSpan] {
        NameSpan.all(in: tokens).filter { isVocative($0, in: tokens) }
    }

    static func isVocative(_ span: NameSpan, in tokens: [Token]) -> Bool {
        let rightOK = span.end >= tokens.count || tokens[span.end].kind != .word
        guard rightOK else { return false }
        if span.start == 0 { return true }
        let left = tokens[span.start - 1]
        if left.kind == .pause { return true }
        if left.kind == .stop { return span.end < tokens.count && tokens[span.end].kind == .pause }
        return leadIns.contains(left.lower)
    }
}

/// Finds the speech tag of every quotation: after it, before it, or in the narration that splits
/// it from the quotation before; or a paragraph of narration ending in a comma or colon that leads
/// into the next paragraph's quotation.
enum SpeechTagFinder {
    static func tags(in book: BookPassages) -> [QuoteID: SpeechTag] {
        var tags: [QuoteID: SpeechTag] = [:]
        for (p, passage) in book.passages.enumerated() {
            let segments = passage.segments
            for s in segments.indices where segments[s].isQuote {
                let ref = QuoteID(paragraph: p, segment: s)
                tags[ref] = tag(of: s, in: passage)
                // A paragraph of narration that ends with a comma or colon leads into the quotation
                // that opens the next one: `Mr. Darcy replied with great intrepidity,` / `"Miss Elizabeth Bennet."`
                if tags[ref] == nil, s == passage.quoteIndices.first,
                    passage.tokens[..<s].allSatisfy({ !$0.contains(where: \.isWord) }),
                    p > 0, book.sceneOfPassage[p - 1] == book.sceneOfPassage[p], book.quoteSegments[p - 1].isEmpty,
                    let narration = book[p - 1].tokens.last, narration.last?.kind == .pause,
                    let tag = SpeechTagParser.tagBeforeQuote(narration)
                {
                    tags[ref] = tag
                }
            }
        }
        return tags
    }

    /// The tag of quotation segment `s` within its paragraph.
    static func tag(of s: Int, in passage: AnalyzedPassage) -> SpeechTag? {
        let segments = passage.segments
        let tokens = passage.tokens
        let endsClause = { (quote: Int) in tokens[quote].last?.text == "," }
        // The narration just before, when it leads into this quotation with a tag of its own: `Tessa said, "…"`.
        let lead = s >= 1 && !segments[s - 1].isQuote ? SpeechTagParser.locatedTagBeforeQuote(tokens[s - 1]) : nil
        // The second part of a split quotation ("…," said Tessa, "…"): the tag between the parts names the speaker
        // of both. After a sentence that ends ("…," she said. He smiled. "…," he went on), its own tag does.
        // Narration between two quotations may hold two tags ("…?" asked Beaufort, …; and Madame Olenska said
        // to Archer: "…"): the first is the earlier quotation's, the last leads into this one.
        let between =
            s >= 2 && !segments[s - 1].isQuote && segments[s - 2].isQuote
            ? SpeechTagParser.locatedTagAfterQuote(tokens[s - 1], quoteEndsClause: endsClause(s - 2)) : nil
        if let between, let lead, lead.verb > between.verb { return lead.tag }
        // Narration after this quotation that leads into another one with a tag (`Milly said, "…?" Babs
        // said, "…"`) is the next one's when this one has a tag leading into it.
        let leadsOn = s + 2 < segments.count && segments[s + 2].isQuote && tokens[s + 1].last?.kind == .pause
        let own =
            s + 1 < segments.count && !segments[s + 1].isQuote && !(leadsOn && lead != nil && !endsClause(s))
            ? SpeechTagParser.locatedTagAfterQuote(tokens[s + 1], quoteEndsClause: endsClause(s)) : nil
        let splitsSentence = s >= 1 && tokens[s - 1].last?.kind != .stop
        if let between, splitsSentence || own == nil { return between.tag }
        if let own { return own.tag }
        return lead?.tag
    }
}

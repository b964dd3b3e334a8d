import Testing

@testable import AudiobookCore

@Suite("Quotations")
struct QuotationTests {
    func quotes(_ text: String) throws -> [String] {
        try makeScript(text).dialogue.map(\.text)
    }

    @Test("straight and curly double quotes")
    func doubleQuotes() throws {
        #expect(try quotes("\"One,\" she said. \u{201C}Two.\u{201D}\n") == ["One,", "Two."])
    }

    @Test("single-quote dialogue when it is the book's convention, apostrophes kept")
    func singleQuotes() throws {
        let text = """
            'I don't know,' said Alice, 'what 'em dogs' tails are for.'

            \u{2018}Rock 'n' roll,\u{2019} said the Hatter. \u{2018}It's the dogs' dinner.\u{2019}

            'Off with his head!' the Queen shouted.

            'Nonsense,' said Alice.

            'Tis true,' said the King.
            """
        #expect(
            try quotes(text) == [
                "I don't know,", "what 'em dogs' tails are for.", "Rock 'n' roll,", "It's the dogs' dinner.",
                "Off with his head!", "Nonsense,", "Tis true,",
            ])
    }

    @Test("apostrophes in a double-quote book are not quotes; nested quotes stay inside")
    func nested() throws {
        let text = "\"He said 'never' and meant it, didn't he?\" asked Tessa. The dogs' tails wagged.\n"
        #expect(try quotes(text) == ["He said 'never' and meant it, didn't he?"])
    }

    @Test("a quotation over several paragraphs stays one speaker's")
    func multiParagraph() throws {
        let text = """
            "It was a long night," said Tessa, "and I remember

            "every hour of it, and then

            "the dawn."

            "Quite," said Sasha.
            """
        let script = try makeScript(text)
        #expect(
            speakers(script) == [
                "Tessa: It was a long night,", "Tessa: and I remember", "Tessa: every hour of it, and then",
                "Tessa: the dawn.", "Sasha: Quite,",
            ])
        #expect(script.warnings.isEmpty)
    }

    @Test("an unbalanced quote is confined to its paragraph with a warning naming its line")
    func unbalanced() throws {
        let text = "Intro.\n\n\"This never closes, said Tessa.\n\nThe rest is narration.\n\n\"Right,\" said Sasha.\n"
        let script = try makeScript(text, path: "draft.txt")
        #expect(
            script.warnings.map(\.description) == [
                "draft.txt:3: warning: quotation mark is never closed; the quotation ends with its paragraph"
            ])
        #expect(script.scenes[0].lines.map(\.kind) == [.narration, .dialogue, .narration, .dialogue, .narration])
        #expect(speaker(of: "Right", in: script) == "Sasha")
    }

    @Test("offsets cover the text inside the marks")
    func offsets() throws {
        let text = "Narration first. \u{201C}Curly speech,\u{201D} said Tessa.\n"
        let script = try makeScript(text)
        let bytes = Array(text.utf8)
        for line in script.scenes[0].lines {
            #expect(line.start < line.end)
            #expect(String(decoding: bytes[line.start..<line.end], as: UTF8.self) == line.text)
        }
    }
}

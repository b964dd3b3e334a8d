import Foundation
import Testing

@testable import AudiobookRender

@Suite("Marking lines in a publisher's XHTML")
struct PublisherMarkupTests {
    static func page(_ body: String) -> Data {
        Data(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title><style>p { x: "a" }</style></head>
            <body>\(body)</body></html>
            """.utf8)
    }

    static func mark(_ body: String, _ lines: [PublisherMarkup.Line]) throws -> String {
        let document = try PublisherMarkup.read(page(body), path: "a/ch.xhtml")
        let placements = try PublisherMarkup.place(lines, in: [document])
        let marked = String(decoding: PublisherMarkup.marked(document, placements, stylesheet: "s.css"), as: UTF8.self)
        let body = marked.components(separatedBy: "<body>")[1].components(separatedBy: "</body>")[0]
        return body
    }

    static func line(_ id: String, _ text: String, quotation: Bool = false) -> PublisherMarkup.Line {
        PublisherMarkup.Line(id: id, classes: quotation ? "dialogue" : "narration", text: text, isQuotation: quotation)
    }

    @Test("a quotation's span takes in its marks and closing punctuation; the tag beside it gets its own")
    func quotation() throws {
        let body = try Self.mark(
            "<p>&#8220;You&#8217;re late,&#8221; said Agnes.</p>",
            [Self.line("a", "You're late,", quotation: true), Self.line("b", "said Agnes.")])
        #expect(
            body
                == "<p><span id=\"a\" class=\"dialogue\">&#8220;You&#8217;re late,&#8221;</span> <span id=\"b\" class=\"narration\">said Agnes.</span></p>"
        )
    }

    @Test("a span that would start or end inside inline markup grows to enclose it; text in <head> is not searched")
    func inlineMarkup() throws {
        let body = try Self.mark(
            "<p>He carried <em>the argument</em>. <b>Then</b> she left.</p>",
            [Self.line("a", "He carried the argument."), Self.line("b", "Then she left.")])
        #expect(
            body
                == "<p><span id=\"a\" class=\"narration\">He carried <em>the argument</em>.</span> <span id=\"b\" class=\"narration\"><b>Then</b> she left.</span></p>"
        )
    }

    @Test("a line that runs across paragraphs, or is not in the text, cannot be marked, and says which")
    func failures() throws {
        #expect(throws: PublisherMarkup.Failure(reason: "line a runs across paragraphs of a/ch.xhtml")) {
            try Self.mark("<p>One two</p><p>three.</p>", [Self.line("a", "One two three.")])
        }
        #expect(
            throws: PublisherMarkup.Failure(reason: "the words of line b (\"Four.\") are not in the text")
        ) {
            try Self.mark("<p>One.</p>", [Self.line("a", "One."), Self.line("b", "Four.")])
        }
        #expect(throws: PublisherMarkup.Failure(reason: "a/ch.xhtml: <p> is not closed before </body>")) {
            try Self.mark("<p>One.", [Self.line("a", "One.")])
        }
    }

    @Test("a line of punctuation alone is found after the line before, outside any tag")
    func punctuationLine() throws {
        let body = try Self.mark(
            "<p>“Oh!” <i title=\"–\">–</i> “Sir,”</p>",
            [Self.line("a", "Oh!", quotation: true), Self.line("b", "–"), Self.line("c", "Sir,", quotation: true)])
        #expect(
            body
                == "<p><span id=\"a\" class=\"dialogue\">“Oh!”</span> <i title=\"–\"><span id=\"b\" class=\"narration\">–</span></i> <span id=\"c\" class=\"dialogue\">“Sir,”</span></p>"
        )
    }

    @Test("relative paths between archive paths")
    func relativePaths() {
        #expect(
            PublisherMarkup.relativePath(from: "EPUB/text/ch.xhtml", to: "EPUB/audiobook/a.css") == "../audiobook/a.css"
        )
        #expect(PublisherMarkup.relativePath(from: "ch.xhtml", to: "audiobook/a.css") == "audiobook/a.css")
        #expect(PublisherMarkup.relativePath(from: "a/b/c.smil", to: "a/b/d.xhtml") == "d.xhtml")
    }
}

import Foundation
import Testing

@testable import AudiobookCore

@Suite("Reading a manuscript")
struct ManuscriptReadingTests {
    @Test("a BOM is skipped and offsets still refer to the file as read")
    func byteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("\"Hello,\" said Tessa.\n".utf8)
        let manuscript = try Manuscript(path: "bom.txt", bytes: bytes)
        let script = ScriptBuilder().script(for: manuscript)
        let line = try #require(script.dialogue.first)
        #expect(line.text == "Hello,")
        #expect(Array(bytes[line.start..<line.end]) == Array("Hello,".utf8))
        #expect(line.speaker == "Tessa")
    }

    @Test("CRLF line ends read like LF, with offsets into the CRLF file")
    func crlf() throws {
        let text = "First line of a\r\nwrapped paragraph.\r\n\r\n\"Yes,\" said Tessa.\r\n"
        let script = try makeScript(text)
        let narration = script.scenes[0].lines[0]
        #expect(narration.text == "First line of a wrapped paragraph.")
        let dialogue = try #require(script.dialogue.first)
        #expect(Array(text.utf8)[dialogue.start..<dialogue.end] == ArraySlice("Yes,".utf8))
        #expect(dialogue.sourceLine == 4)
    }

    @Test("hard-wrapped and one-line paragraphs")
    func paragraphs() throws {
        let wrapped = try makeScript("The wind had begun\nto lean on the tower.\n\nThe sea was grey.\n")
        #expect(
            wrapped.scenes[0].lines.map(\.text) == ["The wind had begun to lean on the tower.", "The sea was grey."])
        let long = String(repeating: "word ", count: 40)
        let unwrapped = try makeScript("\(long)one.\n\(long)two.\n")
        #expect(unwrapped.scenes[0].lines.count == 2)
    }

    @Test("emphasis markers are not spoken but kept as emphasis")
    func emphasis() throws {
        let script = try makeScript("\"You _want_ to tell me, and I *have* no objection.\"\n")
        let line = try #require(script.dialogue.first)
        #expect(line.text == "You want to tell me, and I have no objection.")
        let scalars = Array(line.text.unicodeScalars)
        let spans = line.emphasis.map { String(String.UnicodeScalarView(scalars[$0])) }
        #expect(spans == ["want", "have"])
        #expect(EmphasisMarkup.strip("snake_case stays").text == "snake_case stays")
    }

    @Test(
        "bad input is a one-line error naming the file and the place",
        arguments: [
            ("empty", [UInt8](), "error: bad.txt is empty: there is no text to read"),
            ("blank", Array(" \n\n \n".utf8), "error: bad.txt is empty: there is no text to read"),
            (
                "binary", Array("text\nmore\0text\n".utf8),
                "bad.txt:2: error: binary file: a NUL byte is not text; give a UTF-8 text manuscript"
            ),
            (
                "invalid UTF-8", Array("fine\ncaf".utf8) + [0xE9] + Array(" au lait\n".utf8),
                "bad.txt:2:4: error: invalid UTF-8 (byte 0xE9 at byte 4 of the line); save the file as UTF-8"
            ),
            (
                "Windows-1252", Array("ok\n".utf8) + [0x93] + Array("Hi,".utf8) + [0x94] + Array(" she said.\n".utf8),
                "bad.txt:2:1: error: invalid UTF-8 (byte 0x93); the file looks like Windows-1252, convert it: iconv -f WINDOWS-1252 -t UTF-8 'bad.txt' > book.txt"
            ),
            (
                "UTF-16", [0xFF, 0xFE, 0x48, 0x00],
                "error: bad.txt is UTF-16 text; convert it to UTF-8 first: iconv -f UTF-16 -t UTF-8 'bad.txt' > book.txt"
            ),
        ])
    func badInput(_ name: String, bytes: [UInt8], message: String) {
        #expect(throws: (any Error).self) { try Manuscript(path: "bad.txt", bytes: bytes) }
        do {
            _ = try Manuscript(path: "bad.txt", bytes: bytes)
        } catch {
            #expect(error.diagnostic.description == message)
        }
    }

    @Test("a missing file and a directory are errors")
    func missingAndDirectory() {
        do {
            _ = try Manuscript(contentsOf: "/no/such/book.txt")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostic.description == "error: no such file: /no/such/book.txt")
        }
        do {
            _ = try Manuscript(contentsOf: NSTemporaryDirectory())
            Issue.record("expected an error")
        } catch {
            #expect(
                error.diagnostic.description == "error: \(NSTemporaryDirectory()) is a directory, not a manuscript file"
            )
        }
    }
}

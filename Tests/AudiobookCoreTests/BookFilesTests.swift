import Foundation
import Testing

@testable import AudiobookCore

/// Books as writers have them: front matter, title pages, wrapped headings, other languages.
@Suite("Writers' files")
struct BookFilesTests {
    @Test("front matter is the book's metadata, never spoken and no scene of its own")
    func frontMatter() throws {
        let text =
            "---\ntitle: The Salt Road\nauthor: [Ada Quill, Ben Marsh]\nlang: en-GB\ncover: art/cover.png\ndate: 2024\n---\n\n# One\n\n\"We leave at dawn,\" said Ada.\n"
        let script = try makeScript(text)
        #expect(
            script.metadata
                == BookMetadata(
                    title: "The Salt Road", author: "Ada Quill, Ben Marsh", language: "en-GB", cover: "art/cover.png"))
        #expect(script.scenes.count == 1)
        #expect(script.scenes[0].chapter == "One")
        let spoken = script.scenes.flatMap(\.lines).map(\.text)
        #expect(spoken == ["One", "We leave at dawn,", "said Ada."])
        #expect(script.warnings.isEmpty)
    }

    @Test(
        "a scene break at the top of a text is no front matter; invalid YAML front matter is read as text, with a warning"
    )
    func notFrontMatter() throws {
        let prose = try makeScript("---\n\nThe boats came in at dusk.\n\n---\n\nAgnes laughed.\n")
        #expect(prose.metadata.title == nil)
        #expect(prose.scenes.flatMap(\.lines).map(\.text) == ["The boats came in at dusk.", "Agnes laughed."])
        let broken = try makeScript("---\ntitle: [unclosed\n---\n\nAgnes laughed.\n")
        #expect(broken.metadata.title == nil)
        #expect(
            broken.warnings.first?.description.hasPrefix("book.txt:1: warning: the front matter is not valid YAML")
                == true)
    }

    @Test(
        "a title page gives the title and author and names its scene",
        arguments: [
            (
                "OLIVER TWIST\n\nOR\nTHE PARISH BOY'S PROGRESS\n\nby Charles Dickens\n\n CHAPTER I.\n\nAmong other public buildings.\n",
                "Oliver Twist", "Charles Dickens"
            ),
            (
                "Title: Hard Times\n\nAuthor: Charles Dickens\n\nCHAPTER I\n\nNow, what I want is facts.\n",
                "Hard Times", "Charles Dickens"
            ),
            (
                "EMMA\n\nBY\n\nJANE AUSTEN\n\nCHAPTER I\n\nEmma Woodhouse, handsome, clever, and rich.\n", "Emma",
                "Jane Austen"
            ),
        ])
    func titlePage(_ text: String, _ title: String, _ author: String) throws {
        let script = try makeScript(text)
        #expect(script.metadata.title == title)
        #expect(script.metadata.author == author)
        #expect(script.scenes.first?.chapter == title)
    }

    @Test("an opening scene of prose is no title page")
    func noTitlePage() throws {
        let text =
            "It was late, and the ferry had gone by the time we reached the harbour, which was written about by many.\n\nCHAPTER I\n\nThe rest.\n"
        let script = try makeScript(text)
        #expect(script.metadata.title == nil)
        #expect(script.scenes.first?.chapter == nil)
    }

    @Test("a hard-wrapped chapter title is one phrase; a subtitle under a chapter number is joined with ': '")
    func wrappedHeading() throws {
        let wrapped = try makeScript(
            "CHAPTER I.\nTREATS OF THE PLACE WHERE OLIVER TWIST WAS BORN AND OF THE\nCIRCUMSTANCES ATTENDING HIS BIRTH\n\n\nAmong other public buildings.\n"
        )
        #expect(
            wrapped.scenes[0].chapter
                == "CHAPTER I. TREATS OF THE PLACE WHERE OLIVER TWIST WAS BORN AND OF THE CIRCUMSTANCES ATTENDING HIS BIRTH"
        )
        let subtitled = try makeScript("CHAPTER I\nDOWN THE RABBIT-HOLE\n\nAlice was beginning to get very tired.\n")
        #expect(subtitled.scenes[0].chapter == "CHAPTER I: DOWN THE RABBIT-HOLE")
        let twoTitles = try makeScript(
            "Chapter One\nThe Keeper\nIn Which a Ferry Is Late\n\nThe ferry left me on the jetty.\n")
        #expect(twoTitles.scenes[0].chapter == "Chapter One: The Keeper: In Which a Ferry Is Late")
    }

    @Test(
        "quotation conventions of other languages are read the right way round",
        arguments: [
            (
                "german low",
                "„Wo warst du?“, fragte Anna.\n\n„Im Garten“, sagte Paul. „Es regnet.“\n\n„Komm herein“, sagte Anna.\n\n„Gleich“, sagte Paul.\n",
                nil as String?
            ),
            (
                "german guillemets",
                "»Wo warst du?«, fragte Anna.\n\n»Im Garten«, sagte Paul. »Es regnet.«\n\n»Komm herein«, sagte Anna.\n\n»Gleich«, sagte Paul.\n",
                nil
            ),
            (
                "french",
                "« Wo warst du? » fragte Anna.\n\n« Im Garten », sagte Paul. « Es regnet. »\n\n« Komm herein », sagte Anna.\n\n« Gleich », sagte Paul.\n",
                nil
            ),
            (
                "french narrow spaces",
                "«\u{202F}Wo warst du?\u{202F}» fragte Anna.\n\n«\u{A0}Im Garten\u{A0}», sagte Paul. «\u{A0}Es regnet.\u{A0}»\n",
                "fr"
            ),
            (
                "swiss",
                "«Wo warst du?» fragte Anna.\n\n«Im Garten», sagte Paul. «Es regnet.»\n\n«Komm herein», sagte Anna.\n\n«Gleich», sagte Paul.\n",
                nil
            ),
        ])
    func quotations(_ name: String, _ text: String, _ language: String?) throws {
        var manuscript = try Manuscript(path: "book.txt", bytes: Array(text.utf8))
        manuscript.metadata = BookMetadata(language: language)
        let script = ScriptBuilder().script(for: manuscript)
        let quoted = script.dialogue.map(\.text)
        #expect(Array(quoted.prefix(3)) == ["Wo warst du?", "Im Garten", "Es regnet."], "\(name)")
        #expect(
            script.scenes.flatMap(\.lines).filter { $0.kind == .narration }.allSatisfy {
                $0.text.contains("Anna") || $0.text.contains("Paul")
            })
        #expect(script.warnings.isEmpty, "\(script.warnings)")
    }

    @Test("file-system errors in words a user can act on")
    func fileSystemReasons() {
        let posix = { (code: Int32) in NSError(domain: NSPOSIXErrorDomain, code: Int(code)) }
        let cocoa = NSError(domain: NSCocoaErrorDomain, code: 512, userInfo: [NSUnderlyingErrorKey: posix(ENOSPC)])
        #expect(FileSystemReason.describe(cocoa) == "no space left on device")
        #expect(FileSystemReason.describe(posix(EACCES)) == "permission denied")
        #expect(
            FileSystemReason.describe(NSError(domain: NSCocoaErrorDomain, code: NSFileWriteNoPermissionError))
                == "permission denied")
        #expect(FileSystemReason.describe(errno: EROFS) == "read-only file system")
        #expect(
            FileSystemReason.describe(errno: EISDIR, path: "out/book.cue") == "out/book.cue is a directory, not a file")
        #expect(
            FileSystemReason.describe(errno: ENOTDIR, path: "/etc/passwd/book")
                == "/etc/passwd is a file, not a directory")
    }
}

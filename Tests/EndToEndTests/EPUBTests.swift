import AudiobookCore
import Foundation
import Testing
import ZIPFoundation

/// EPUB in, chaptered M4B out (needs pandoc, espeak-ng, ffmpeg and ffprobe, which `make test` installs).
@Suite("EPUB and M4B with pandoc, espeak-ng and ffmpeg, end to end", .serialized)
struct EPUBTests {
    static let fixture = CommandRunner.packageRoot.appendingPathComponent(
        "Tests/EndToEndTests/Fixtures/three-chapters.md")

    /// A folder with book.md and book.epub made from it by pandoc.
    func book() throws -> URL {
        let folder = try CommandRunner.temporaryDirectory()
        try FileManager.default.copyItem(at: Self.fixture, to: folder.appendingPathComponent("book.md"))
        let pandoc = try CommandRunner.run(
            program: "pandoc",
            ["book.md", "--metadata", "title=The Harbour Book", "--metadata", "author=A. Writer", "-o", "book.epub"],
            in: folder)
        #expect(pandoc.status == 0, "\(pandoc.stderr)")
        return folder
    }

    @Test("an EPUB made by pandoc gives the same script as its Markdown, line for line and speaker for speaker")
    func sameScript() throws {
        let folder = try book()
        defer { try? FileManager.default.removeItem(at: folder) }
        let markdown = try CommandRunner.run(["script", "book.md", "--format", "json"], in: folder)
        let epub = try CommandRunner.run(["script", "book.epub", "--format", "json"], in: folder)
        #expect(markdown.status == 0 && epub.status == 0, "\(epub.stderr)")
        let a = try ScriptJSON.decode(Data(markdown.stdout.utf8))
        let b = try ScriptJSON.decode(Data(epub.stdout.utf8))
        #expect(a.scenes.count == b.scenes.count)
        #expect(a.scenes.map(\.chapter) == b.scenes.map(\.chapter))
        let left = a.scenes.flatMap(\.lines)
        let right = b.scenes.flatMap(\.lines)
        // pandoc makes typographic apostrophes; the words are otherwise the same.
        func words(_ line: ScriptLine) -> String { line.text.replacingOccurrences(of: "\u{2019}", with: "'") }
        #expect(left.map(words) == right.map(words))
        #expect(left.map(\.kind) == right.map(\.kind))
        #expect(left.map(\.speaker) == right.map(\.speaker))
        #expect(left.map(\.emphasis) == right.map(\.emphasis))
        // Offsets refer to the rendering `audiobook text` prints.
        let text = try CommandRunner.run(["text", "book.epub"], in: folder)
        let bytes = Array(text.stdout.utf8)
        for line in right where line.kind != .heading {
            #expect(
                EmphasisMarkup.strip(String(decoding: bytes[line.start..<line.end], as: UTF8.self)).text == line.text)
        }
    }

    @Test("render --m4b: three chapters with their titles where the cues say, and the WAVs' length")
    func m4b() throws {
        let folder = try book()
        defer { try? FileManager.default.removeItem(at: folder) }
        let render = try CommandRunner.run(["render", "book.epub", "--output", "out", "--m4b", "--quiet"], in: folder)
        #expect(render.status == 0, "\(render.stderr)")
        let m4b = folder.appendingPathComponent("out/book/book.m4b")
        let probe = try CommandRunner.run(
            program: "ffprobe", ["-v", "error", "-show_chapters", "-show_format", "-of", "json", m4b.path], in: folder)
        #expect(probe.status == 0, "\(probe.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any])
        let chapters = try #require(object["chapters"] as? [[String: Any]])
        #expect(
            chapters.compactMap { ($0["tags"] as? [String: Any])?["title"] as? String } == [
                "The Harbour", "The Market", "The Storm",
            ])
        let cues = try CuesFile.cues(in: folder.appendingPathComponent("out/book"))
        // Scene lengths from the WAV headers, to place each scene on the book's timeline.
        var offsets: [Int: Double] = [:]
        var total = 0.0
        for scene in Set(cues.map(\.scene)).sorted() {
            offsets[scene] = total
            let wav = try Data(
                contentsOf: folder.appendingPathComponent(String(format: "out/book/scene-%03d.wav", scene)))
            total += Double(wav.count - 44) / 2 / 22050
        }
        let firstScenes = [1, 2, 4]  // the Market has two scenes
        for (chapter, scene) in zip(chapters, firstScenes) {
            let start = try #require(Double(chapter["start_time"] as? String ?? ""))
            let firstCue = try #require(cues.first { $0.scene == scene })
            #expect(abs(start - (offsets[scene]! + firstCue.start)) <= 0.05, "chapter starts at \(start)")
        }
        let format = try #require(object["format"] as? [String: Any])
        let duration = try #require(Double(format["duration"] as? String ?? ""))
        #expect(abs(duration - total) <= 0.1, "M4B \(duration) s, WAVs \(total) s")
        let tags = format["tags"] as? [String: Any]
        #expect(tags?["title"] as? String == "The Harbour Book")
        #expect(tags?["artist"] as? String == "A. Writer")
    }

    @Test("a malformed EPUB is a one-line error naming what is wrong")
    func malformed() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "not a zip at all".write(to: folder.appendingPathComponent("plain.epub"), atomically: true, encoding: .utf8)
        func epub(_ name: String, _ files: [String: String]) throws {
            let archive = try Archive(url: folder.appendingPathComponent(name), accessMode: .create)
            for (path, text) in files.sorted(by: { $0.key < $1.key }) {
                let data = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
        }
        let container =
            "<?xml version=\"1.0\"?><container xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile full-path=\"OEBPS/content.opf\"/></rootfiles></container>"
        let opf =
            "<?xml version=\"1.0\"?><package xmlns=\"http://www.idpf.org/2007/opf\"><metadata/><manifest><item id=\"c1\" href=\"c1.xhtml\" media-type=\"application/xhtml+xml\"/></manifest><spine><itemref idref=\"c1\"/><itemref idref=\"c2\"/></spine></package>"
        try epub("nocontainer.epub", ["mimetype": "application/epub+zip", "OEBPS/content.opf": opf])
        try epub(
            "missing.epub",
            [
                "mimetype": "application/epub+zip", "META-INF/container.xml": container, "OEBPS/content.opf": opf,
                "OEBPS/c1.xhtml": "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Hello.</p></body></html>",
            ])
        try epub(
            "invalid.epub",
            [
                "mimetype": "application/epub+zip", "META-INF/container.xml": container,
                "OEBPS/content.opf": opf.replacingOccurrences(of: "<itemref idref=\"c2\"/>", with: ""),
                "OEBPS/c1.xhtml": "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>\n<p>Hello.</b></body></html>",
            ])
        let expectations = [
            ("plain.epub", "error: plain.epub is not an EPUB: it is not a zip archive"),
            ("nocontainer.epub", "error: nocontainer.epub is not a valid EPUB: META-INF/container.xml is missing"),
            ("missing.epub", "error: missing.epub is not a valid EPUB: the spine lists c2, which is not in the book"),
        ]
        for (file, message) in expectations {
            let result = try CommandRunner.run(["script", file], in: folder)
            #expect(result.status != 0)
            #expect(result.stderr == message + "\n")
        }
        let invalid = try CommandRunner.run(["script", "invalid.epub"], in: folder)
        #expect(invalid.status != 0)
        #expect(invalid.stderr.hasPrefix("error: invalid.epub: invalid XHTML in OEBPS/c1.xhtml at line 2: "))
        #expect(invalid.stderr.split(separator: "\n").count == 1)
    }
}

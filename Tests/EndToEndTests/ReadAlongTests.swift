import Foundation
import Testing
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The read-along EPUB (`render --epub`): text, media overlays and audio that agree with
/// `cues.json` line for line and millisecond for millisecond, and that epubcheck accepts
/// (needs espeak-ng, ffmpeg, pandoc and epubcheck, which `make test` installs).
@Suite("Read-along EPUB 3 with media overlays, end to end", .serialized)
struct ReadAlongTests {
    typealias Cue = CuesFile.Cue

    /// What an XML document holds that these tests look at: elements by id (their text and
    /// class), `<par>`s with their text and audio, and `<meta>`s.
    final class Reader: NSObject, XMLParserDelegate {
        struct Par {
            var text = ""
            var audio = ""
            var clipBegin = ""
            var clipEnd = ""
        }

        var elements: [String: (text: String, classes: String, emphasis: [String])] = [:]
        var pars: [Par] = []
        var metas: [(refines: String?, property: String, value: String)] = []
        private var open: [(id: String?, text: String)] = []
        private var emphasis: String?
        private var meta: (refines: String?, property: String)?

        static func read(_ data: Data) throws -> Reader {
            let reader = Reader()
            let parser = XMLParser(data: data)
            parser.delegate = reader
            guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
            return reader
        }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch name {
            case "par": pars.append(Par())
            case "text" where !pars.isEmpty: pars[pars.count - 1].text = attributes["src"] ?? ""
            case "audio" where !pars.isEmpty:
                pars[pars.count - 1].audio = attributes["src"] ?? ""
                pars[pars.count - 1].clipBegin = attributes["clipBegin"] ?? ""
                pars[pars.count - 1].clipEnd = attributes["clipEnd"] ?? ""
            case "meta" where attributes["property"] != nil:
                meta = (attributes["refines"], attributes["property"]!)
            case "em": emphasis = ""
            default: break
            }
            if let id = attributes["id"], name == "span" || name == "h2" {
                elements[id] = ("", attributes["class"] ?? "", [])
                open.append((id, ""))
            } else {
                open.append((nil, ""))
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for index in open.indices where open[index].id != nil { open[index].text += string }
            if meta != nil { metas.append((meta!.refines, meta!.property, string)) }
            if emphasis != nil { emphasis! += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            meta = nil
            if name == "em", let text = emphasis {
                if let id = open.last(where: { $0.id != nil })?.id { elements[id]?.emphasis.append(text) }
                emphasis = nil
            }
            guard let element = open.popLast() else { return }
            if let id = element.id { elements[id]?.text = element.text }
        }
    }

    /// Milliseconds of a SMIL full clock value (`0:01:02.345`).
    static func milliseconds(_ clock: String) -> Int? {
        let parts = clock.split(separator: ":")
        guard parts.count == 3, let hours = Int(parts[0]), let minutes = Int(parts[1]), let seconds = Double(parts[2])
        else { return nil }
        return Int(((Double(hours * 3600 + minutes * 60) + seconds) * 1000).rounded())
    }

    static func entry(_ archive: Archive, _ path: String) throws -> Data {
        let entry = try #require(archive[path], "\(path) in the EPUB")
        var data = Data()
        _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        return data
    }

    /// Runs epubcheck (a jar: run by java when the system cannot run the jar itself) and returns its report.
    static func epubcheck(_ file: URL) throws -> CommandResult {
        let paths = ["/usr/bin/epubcheck", "/usr/share/java/epubcheck.jar"]
        let jar = try #require(
            paths.first { FileManager.default.fileExists(atPath: $0) },
            "epubcheck is not installed (apt-get install epubcheck; `make test` does)")
        return try CommandRunner.run(program: "java", ["-jar", jar, file.path], in: file.deletingLastPathComponent())
    }

    static func expectValid(_ file: URL) throws {
        let report = try epubcheck(file)
        #expect(report.status == 0, "\(report.stdout)\(report.stderr)")
        #expect(
            report.stdout.contains("No errors or warnings detected"), "epubcheck:\n\(report.stdout)\(report.stderr)")
    }

    /// Resolves `href` against the folder of the archive path `from`.
    static func resolve(_ href: String, from: String) -> String {
        var parts = from.split(separator: "/").dropLast().map(String.init)
        for part in href.split(separator: "/") {
            if part == ".." { parts.removeLast() } else if part != "." { parts.append(String(part)) }
        }
        return parts.joined(separator: "/")
    }

    static func letters(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic }))
    }

    /// Checks a read-along EPUB against the render's cues.json: each overlay named in the package,
    /// for every cue exactly one `<par>` whose text is an element holding that line's words and
    /// whose clips are the cue's to the millisecond, audio that decodes to its WAV's samples, and
    /// durations that add up. Returns the content documents (by archive path).
    @discardableResult
    static func checkOverlays(_ epub: URL, book: URL, work: URL) throws -> [String: Reader] {
        let cues = try CuesFile.cues(in: book)
        let archive = try Archive(url: epub, accessMode: .read)
        var entries = archive.makeIterator()
        let first = try #require(entries.next())
        #expect(first.path == "mimetype" && !first.isCompressed, "mimetype comes first, stored")
        #expect(String(decoding: try entry(archive, "mimetype"), as: UTF8.self) == "application/epub+zip")
        let container = String(decoding: try entry(archive, "META-INF/container.xml"), as: UTF8.self)
        let packagePath = try #require(
            container.components(separatedBy: "full-path=\"").dropFirst().first?.components(separatedBy: "\"").first)
        let packageText = String(decoding: try entry(archive, packagePath), as: UTF8.self)
        let overlayPaths = packageText.components(separatedBy: "<item ").dropFirst().compactMap { item -> String? in
            guard item.contains("application/smil+xml") else { return nil }
            return item.components(separatedBy: "href=\"").dropFirst().first?.components(separatedBy: "\"").first
        }.map { resolve($0, from: packagePath) }
        #expect(!overlayPaths.isEmpty)

        var pars: [(par: Reader.Par, overlay: String)] = []
        var documents: [String: Reader] = [:]
        var durations: [String: Int] = [:]
        for path in overlayPaths {
            let overlay = try Reader.read(try entry(archive, path))
            let id = try #require(
                packageText.components(separatedBy: "<item ").first {
                    $0.contains("href=\"")
                        && resolve(
                            $0.components(separatedBy: "href=\"")[1].components(separatedBy: "\"")[0], from: packagePath
                        )
                            == path
                }?.components(separatedBy: "id=\"").dropFirst().first?.components(separatedBy: "\"").first)
            durations["#\(id)"] = overlay.pars.reduce(0) {
                $0 + (milliseconds($1.clipEnd) ?? 0) - (milliseconds($1.clipBegin) ?? 0)
            }
            for par in overlay.pars {
                pars.append((par, path))
                let document = resolve(String(par.text.prefix { $0 != "#" }), from: path)
                if documents[document] == nil { documents[document] = try Reader.read(try entry(archive, document)) }
            }
        }
        #expect(pars.count == cues.count, "one <par> per cue")
        var audioFiles: [String: String] = [:]
        for cue in cues {
            let id = String(format: "s%03d-l%03d", cue.scene, cue.line)
            let matching = pars.filter { $0.par.text.hasSuffix("#\(id)") }
            try #require(matching.count == 1, "cue \(id): \(matching.count) <par>s")
            let (par, overlay) = matching[0]
            #expect(milliseconds(par.clipBegin) == Int((cue.start * 1000).rounded()), "\(id) begins")
            #expect(milliseconds(par.clipEnd) == Int((cue.end * 1000).rounded()), "\(id) ends")
            audioFiles[resolve(par.audio, from: overlay)] = cue.file
            // The text points at the element of this very line, which holds its words.
            let document = resolve(String(par.text.prefix { $0 != "#" }), from: overlay)
            let element = try #require(documents[document]?.elements[id], "\(id) in \(document)")
            #expect(letters(element.text) == letters(cue.text), "\(id): \(element.text)")
            if cue.kind == "dialogue" {
                #expect(element.classes.contains("speaker-\(cue.speaker.lowercased())"), "\(id): \(element.classes)")
            }
        }
        #expect(Set(audioFiles.values) == Set(cues.map(\.file)), "one audio file per scene")

        // Each overlay's duration is the sum of its clips, and the book's the sum of the overlays'.
        let package = try Reader.read(Data(packageText.utf8))
        let declared = package.metas.filter { $0.property == "media:duration" }
        for (overlay, sum) in durations {
            let value = try #require(declared.first { $0.refines == overlay }?.value, "\(overlay)")
            #expect(milliseconds(value) == sum, "\(overlay)")
        }
        let total = try #require(declared.first { $0.refines == nil }?.value)
        #expect(milliseconds(total) == durations.values.reduce(0, +))
        #expect(package.metas.contains { $0.property == "media:active-class" && $0.value == "audiobook-active" })

        // Each scene's audio decodes to its WAV's samples: clip times from the WAVs fall where the lines are.
        for (path, wavName) in audioFiles {
            let audio = work.appendingPathComponent((path as NSString).lastPathComponent)
            try entry(archive, path).write(to: audio)
            let raw = audio.appendingPathExtension("raw")
            let decode = try CommandRunner.run(
                program: "ffmpeg", ["-v", "error", "-i", audio.path, "-f", "s16le", "-ac", "1", raw.path], in: work)
            #expect(decode.status == 0, "\(decode.stderr)")
            let samples = try Data(contentsOf: raw).count / 2
            let wav = try Data(contentsOf: book.appendingPathComponent(wavName))
            #expect(samples == (wav.count - 44) / 2, "\(path): \(samples) samples, the WAV \((wav.count - 44) / 2)")
        }
        return documents
    }

    @Test(
        "with espeak-ng, ffmpeg and epubcheck: three chapters: for every cue exactly one <par> on its line's element, clips equal to the cue's to the millisecond, audio as long as the WAVs; durations add up; epubcheck clean; nothing rewritten when nothing changed"
    )
    func overlaysMatchCues() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: CommandRunner.fixture("three-chapters.md"), to: folder.appendingPathComponent("book.md"))
        let render = try CommandRunner.run(["render", "book.md", "--output", "out", "--epub"], in: folder)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stdout.contains("(read-along EPUB 3, 3 chapters)"), "\(render.stdout)")
        let book = folder.appendingPathComponent("out/book")
        let epub = book.appendingPathComponent("book.epub")
        let documents = try Self.checkOverlays(epub, book: book, work: folder)
        #expect(documents.count == 3, "one content document per chapter")
        // Emphasis stays emphasis.
        #expect(documents.values.contains { $0.elements.values.contains { $0.emphasis == ["argument"] } })
        try Self.expectValid(epub)

        // Nothing changed: the EPUB is left as it is.
        let before = try FileManager.default.attributesOfItem(atPath: epub.path)[.modificationDate] as? Date
        let again = try CommandRunner.run(["render", "book.md", "--output", "out", "--epub"], in: folder)
        #expect(again.stdout.contains("book.epub is unchanged\n"), "\(again.stdout)")
        #expect(try FileManager.default.attributesOfItem(atPath: epub.path)[.modificationDate] as? Date == before)
    }

    /// A pandoc-made EPUB of the three-chapter fixture, with a cover; `version` 3 or 2.
    static func pandocEPUB(in folder: URL, name: String, version: Int = 3) throws {
        try FileManager.default.copyItem(
            at: CommandRunner.fixture("three-chapters.md"), to: folder.appendingPathComponent("\(name).md"))
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("cover.png").path) {
            let cover = try CommandRunner.run(
                program: "ffmpeg",
                ["-v", "error", "-f", "lavfi", "-i", "color=c=navy:s=320x480", "-frames:v", "1", "cover.png"],
                in: folder)
            #expect(cover.status == 0, "\(cover.stderr)")
        }
        let pandoc = try CommandRunner.run(
            program: "pandoc",
            [
                "\(name).md", "--metadata", "title=The Harbour Book", "--metadata", "author=A. Writer",
                "--metadata", "lang=en-GB", "--epub-cover-image=cover.png", "-t", "epub\(version)",
                "-o", "\(name).epub",
            ], in: folder)
        #expect(pandoc.status == 0, "\(pandoc.stderr)")
    }

    @Test(
        "with pandoc and epubcheck: from a pandoc-made EPUB 3, the publisher's own documents with every line marked in place, every other file kept byte for byte; epubcheck clean"
    )
    func publisherText() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.pandocEPUB(in: folder, name: "harbour")
        let render = try CommandRunner.run(["render", "harbour.epub", "--output", "out", "--epub"], in: folder)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stdout.contains("(read-along EPUB 3, the publisher's text)"), "\(render.stdout)")
        #expect(!render.stderr.contains("warning"), "\(render.stderr)")
        let book = folder.appendingPathComponent("out/harbour")
        let epub = book.appendingPathComponent("harbour.epub")
        let documents = try Self.checkOverlays(epub, book: book, work: folder)
        #expect(documents.keys.sorted() == ["EPUB/text/ch001.xhtml", "EPUB/text/ch002.xhtml", "EPUB/text/ch003.xhtml"])
        try Self.expectValid(epub)
        // The publisher's files, all there; those that carry no line, unchanged.
        let original = try Archive(url: folder.appendingPathComponent("harbour.epub"), accessMode: .read)
        let made = try Archive(url: epub, accessMode: .read)
        for entry in original where entry.type == .file {
            let before = try Self.entry(original, entry.path)
            let after = try Self.entry(made, entry.path)
            if documents[entry.path] == nil, entry.path != "EPUB/content.opf" {
                #expect(before == after, "\(entry.path) is kept as it was")
            }
        }
        // A marked document is the publisher's with spans and a stylesheet link added, nothing else.
        let marked = String(decoding: try Self.entry(made, "EPUB/text/ch002.xhtml"), as: UTF8.self)
        let unmarked =
            marked.replacingOccurrences(
                of: #"<span id="s\d{3}-l\d{3}" class="[^"]*">"#, with: "", options: .regularExpression
            )
            .replacingOccurrences(of: "</span>", with: "")
            .replacingOccurrences(
                of: "<link rel=\"stylesheet\" type=\"text/css\" href=\"../audiobook/read-along.css\"/>\n", with: "")
        #expect(unmarked == String(decoding: try Self.entry(original, "EPUB/text/ch002.xhtml"), as: UTF8.self))
        #expect(marked.contains("<span id=\"s002-l002\" class=\"narration\">The market opened before sunrise."))
        #expect(marked.contains("the <em>argument</em>.</span>"))
    }

    @Test(
        "with pandoc and epubcheck: the read-along EPUBs of the bundled example and of a pandoc-made EPUB 2 (its text set anew, with a warning saying why) are clean; title, author, language and cover are kept"
    )
    func epubcheckClean() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let example = try CommandRunner.run(
            [
                "render", CommandRunner.packageRoot.appendingPathComponent("Examples/lighthouse.md").path,
                "--voices", CommandRunner.packageRoot.appendingPathComponent("Voices").path,
                "--output", "out", "--epub", "--quiet",
            ], in: folder)
        #expect(example.status == 0, "\(example.stderr)")
        try Self.expectValid(folder.appendingPathComponent("out/lighthouse/lighthouse.epub"))

        try Self.pandocEPUB(in: folder, name: "harbour", version: 2)
        let render = try CommandRunner.run(
            ["render", "harbour.epub", "--output", "out", "--epub", "--quiet"], in: folder)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(
            render.stderr.contains(
                "harbour.epub: warning: the read-along EPUB sets the text anew, without the publisher's styling and images: its package is EPUB 2.0, and media overlays need EPUB 3"
            ), "\(render.stderr)")
        let epub = folder.appendingPathComponent("out/harbour/harbour.epub")
        try Self.expectValid(epub)
        try Self.checkOverlays(epub, book: folder.appendingPathComponent("out/harbour"), work: folder)
        let archive = try Archive(url: epub, accessMode: .read)
        let package = String(decoding: try Self.entry(archive, "OEBPS/package.opf"), as: UTF8.self)
        #expect(package.contains("<dc:title>The Harbour Book</dc:title>"))
        #expect(package.contains("<dc:creator>A. Writer</dc:creator>"))
        #expect(package.contains("<dc:language>en-GB</dc:language>"))
        #expect(package.contains("properties=\"cover-image\""))
        #expect(
            try Self.entry(archive, "OEBPS/images/cover.png")
                == Data(contentsOf: folder.appendingPathComponent("cover.png")))
    }
}

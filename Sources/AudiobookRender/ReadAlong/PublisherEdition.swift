import AudiobookCore
import Foundation
import ZIPFoundation

/// The read-along book of an EPUB manuscript made from the publisher's own EPUB: every file of
/// it kept (images, fonts, styling, front matter, navigation), the content documents with each
/// spoken line marked in place (`PublisherMarkup`), and the overlays, audio and a stylesheet of
/// the read-along added under `audiobook/` beside the package document, which gains their
/// manifest entries, each marked document's `media-overlay` and the durations.
struct PublisherEdition {
    /// A file of the new book: a path in the archive and its bytes (or a file to copy).
    enum Content {
        case data(Data, compressed: Bool)
        case file(URL)
    }

    let source: URL
    let book: EPUBBook
    let documents: ReadAlongDocuments

    /// The files of the book (`mimetype` first), or the reason the publisher's documents cannot carry the lines.
    func files(audio: [(path: String, url: URL)]) throws -> [(path: String, content: Content)] {
        guard book.version?.hasPrefix("3") == true else {
            throw PublisherMarkup.Failure(
                reason: "its package is EPUB \(book.version ?? "of no version"), and media overlays need EPUB 3")
        }
        let archive: Archive
        do {
            archive = try Archive(url: source, accessMode: .read)
        } catch {
            throw PublisherMarkup.Failure(reason: "it cannot be read again (\(error.localizedDescription))")
        }
        func read(_ path: String) throws -> Data {
            guard let entry = archive[path] else { throw PublisherMarkup.Failure(reason: "\(path) is missing") }
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            return data
        }
        // The lines in order, found in the documents in spine order.
        let paths = book.contentDocuments.map(\.path)
        let parsed = try paths.map { path in try PublisherMarkup.read(try read(path), path: path) }
        var lines: [PublisherMarkup.Line] = []
        var cues: [String: (cue: Cue, scene: RenderedScene)] = [:]
        for scene in documents.scenes {
            for cue in scene.cues {
                let id = ReadAlongDocuments.elementID(scene: scene.index, line: cue.line)
                let classes =
                    cue.kind == "dialogue"
                    ? "dialogue \(documents.speakerClasses[cue.speaker] ?? "speaker-x")" : cue.kind
                lines.append(
                    PublisherMarkup.Line(id: id, classes: classes, text: cue.text, isQuotation: cue.kind == "dialogue"))
                cues[id] = (cue, scene)
            }
        }
        let placements = try PublisherMarkup.place(lines, in: parsed)

        let base = (book.packagePath as NSString).deletingLastPathComponent
        func inPackage(_ path: String) -> String { base.isEmpty ? path : "\(base)/\(path)" }
        let stylesheet = inPackage("audiobook/read-along.css")
        var files: [(path: String, content: Content)] = [
            ("mimetype", .data(Data("application/epub+zip".utf8), compressed: false))
        ]
        var replaced: Set<String> = ["mimetype", book.packagePath]
        var overlays: [(id: String, item: String, path: String, duration: Int)] = []
        for (index, document) in parsed.enumerated() {
            let mine = placements.filter { $0.document == index }
            guard !mine.isEmpty else { continue }
            let marked = PublisherMarkup.marked(
                document, mine, stylesheet: PublisherMarkup.relativePath(from: document.path, to: stylesheet))
            files.append((document.path, .data(marked, compressed: true)))
            replaced.insert(document.path)
            let name = ((document.path as NSString).lastPathComponent as NSString).deletingPathExtension
            let overlayPath = inPackage("audiobook/overlays/\(String(format: "%03d", index + 1))-\(name).smil")
            var pars = ""
            var duration = 0
            for placement in mine {
                let (cue, scene) = cues[placement.line.id]!
                let text = PublisherMarkup.relativePath(from: overlayPath, to: document.path)
                let audio = PublisherMarkup.relativePath(
                    from: overlayPath, to: inPackage("audiobook/" + ReadAlongDocuments.audioPath(for: scene.file)))
                duration += documents.milliseconds(cue.endSample) - documents.milliseconds(cue.startSample)
                pars += documents.par(
                    id: placement.line.id, text: "\(text)#\(placement.line.id)", audio: audio, cue: cue)
            }
            files.append((overlayPath, .data(Data(ReadAlongDocuments.smil(pars).utf8), compressed: true)))
            let item = book.contentDocuments[index].id
            overlays.append(("audiobook-overlay-\(overlays.count + 1)", item, overlayPath, duration))
        }
        files.append((stylesheet, .data(Data(documents.stylesheet().utf8), compressed: true)))
        let package = try self.package(
            String(decoding: try read(book.packagePath), as: UTF8.self), overlays: overlays, audio: audio,
            base: base)
        files.append((book.packagePath, .data(Data(package.utf8), compressed: true)))
        for file in audio { files.append((inPackage("audiobook/" + file.path), .file(file.url))) }
        // Everything else of the publisher's, as it was.
        for entry in archive where entry.type == .file && !replaced.contains(entry.path) {
            files.append((entry.path, .data(try read(entry.path), compressed: entry.isCompressed)))
        }
        return files
    }

    /// The publisher's package document with the read-along's items, overlays and durations.
    func package(
        _ original: String, overlays: [(id: String, item: String, path: String, duration: Int)],
        audio: [(path: String, url: URL)], base: String
    ) throws -> String {
        guard !original.contains("media-overlay="), !original.contains("id=\"audiobook-") else {
            throw PublisherMarkup.Failure(reason: "it already has media overlays")
        }
        var text = original
        func relative(_ path: String) -> String {
            base.isEmpty ? path : String(path.dropFirst(base.count + 1))
        }
        // Each marked document's manifest item names its overlay.
        for overlay in overlays {
            guard let range = itemTag(id: overlay.item, in: text) else {
                throw PublisherMarkup.Failure(reason: "its manifest has no item \(overlay.item)")
            }
            var tag = String(text[range])
            let close = tag.hasSuffix("/>") ? tag.index(tag.endIndex, offsetBy: -2) : tag.index(before: tag.endIndex)
            tag.insert(contentsOf: " media-overlay=\"\(overlay.id)\"", at: close)
            text.replaceSubrange(range, with: tag)
        }
        var items = "<item id=\"audiobook-style\" href=\"audiobook/read-along.css\" media-type=\"text/css\"/>\n"
        for overlay in overlays {
            items +=
                "<item id=\"\(overlay.id)\" href=\"\(relative(overlay.path))\" media-type=\"application/smil+xml\"/>\n"
        }
        for (index, file) in audio.enumerated() {
            items +=
                "<item id=\"audiobook-audio-\(index + 1)\" href=\"audiobook/\(file.path)\" media-type=\"audio/mp4\"/>\n"
        }
        guard let manifestEnd = text.range(of: "</manifest>") ?? text.range(of: "</opf:manifest>") else {
            throw PublisherMarkup.Failure(reason: "its package has no manifest")
        }
        text.insert(contentsOf: items, at: manifestEnd.lowerBound)
        let now = ReadAlongDocuments.modified()
        var metas = ""
        for overlay in overlays {
            metas +=
                "<meta property=\"media:duration\" refines=\"#\(overlay.id)\">\(ReadAlongDocuments.clock(milliseconds: overlay.duration))</meta>\n"
        }
        let total = overlays.reduce(0) { $0 + $1.duration }
        metas += "<meta property=\"media:duration\">\(ReadAlongDocuments.clock(milliseconds: total))</meta>\n"
        metas += "<meta property=\"media:active-class\">\(ReadAlongDocuments.activeClass)</meta>\n"
        if let modified = text.range(of: "property=\"dcterms:modified\">"),
            let end = text[modified.upperBound...].range(of: "</meta>")
        {
            text.replaceSubrange(modified.upperBound..<end.lowerBound, with: now)
        } else {
            metas += "<meta property=\"dcterms:modified\">\(now)</meta>\n"
        }
        guard let metadataEnd = text.range(of: "</metadata>") ?? text.range(of: "</opf:metadata>") else {
            throw PublisherMarkup.Failure(reason: "its package has no metadata")
        }
        text.insert(contentsOf: metas, at: metadataEnd.lowerBound)
        return text
    }

    /// The `<item …>` tag of a manifest id.
    func itemTag(id: String, in text: String) -> Range<String.Index>? {
        var search = text.startIndex..<text.endIndex
        while let open = text.range(of: "<item", range: search) {
            guard let close = text[open.upperBound...].firstIndex(of: ">") else { return nil }
            let tag = text[open.lowerBound...close]
            if PublisherMarkup.attribute("id", in: String(tag)) == id {
                return open.lowerBound..<text.index(after: close)
            }
            search = text.index(after: close)..<text.endIndex
        }
        return nil
    }
}

import AudiobookCore
import Foundation
import ZIPFoundation

/// Writes the read-along book, `BOOK.epub`: an EPUB 3 whose media overlays play every line of
/// the text from the scenes' audio, the line being read highlighted in its speaker's colour.
///
/// The audio is the render's encoded pieces (`BookRenderer.encodesPieces`), moved from their
/// ADTS frames into MP4 files by a stream copy, never encoded again; a piece decodes to exactly
/// its scene WAV's samples, so the clip times of the overlays, taken from the cues' sample
/// counts, fall where the lines are. A book made from the same pieces, text and metadata is
/// left as it is.
public struct ReadAlongWriter: Sendable {
    public var title: String
    public var author: String?
    public var language: String?
    public var cover: CoverImage?
    /// The EPUB manuscript, whose own content documents the read-along book keeps (`PublisherEdition`).
    public var publisherEPUB: URL?

    /// What writing the book did.
    public struct Outcome: Sendable, Equatable {
        /// Whether the file was written (false: it was already exactly this book).
        public var wrote: Bool
        /// Whether the text is the publisher's own documents, marked (else it is set from the script);
        /// nil when the book was left as it was.
        public var keptPublisherText: Bool?
        /// Why the publisher's documents could not be kept, when they could not.
        public var warning: String?
    }

    /// Creates a writer for a book's title, author, language and cover; `publisherEPUB` is the
    /// manuscript when it is an EPUB.
    public init(
        title: String, author: String?, language: String?, cover: CoverImage? = nil, publisherEPUB: URL? = nil
    ) {
        self.title = title
        self.author = author
        self.language = language
        self.cover = cover
        self.publisherEPUB = publisherEPUB
    }

    /// The documents of a render: `plans` are all the book's plans, in the order rendered.
    public func documents(_ summary: BookRenderer.Summary, plans: [ScenePlan]) -> ReadAlongDocuments {
        ReadAlongDocuments(
            title: title, author: author, language: language, sampleRate: summary.sampleRate, plans: plans,
            scenes: summary.scenes)
    }

    /// Writes `destination` (atomically) from a render and the plans it rendered. A book made
    /// from the same pieces, text, metadata and manuscript is left as it is.
    @discardableResult
    public func write(_ summary: BookRenderer.Summary, plans: [ScenePlan], to destination: URL) throws -> Outcome {
        guard let pieces = summary.pieces else {
            throw RenderError.cannotWrite(
                path: destination.relativePath, reason: "the scenes' audiobook pieces were not made")
        }
        let ffmpeg = try FFmpeg.find(for: "--epub")
        let documents = documents(summary, plans: plans)
        var files: [(path: String, text: String)] = [
            ("nav.xhtml", documents.navigation()), ("style.css", documents.stylesheet()),
        ]
        for chapter in documents.chapters {
            files.append(("text/\(chapter.name).xhtml", documents.contentDocument(chapter)))
            files.append(("overlays/\(chapter.name).smil", documents.overlay(chapter)))
        }
        // Everything the book is made of but the time it was made.
        var hasher = StableHasher()
        hasher.combine("read-along 2|\(title)|\(author ?? "")|\(documents.language)|")
        for file in files { hasher.combine("\(file.path)|\(file.text)|") }
        if let cover { hasher.combine("cover \(StableHash.hex(StableHash.fnv1a64(cover.data)))") }
        if let publisherEPUB {
            let stamp = FileStamp(publisherEPUB)
            hasher.combine("publisher \(stamp?.size ?? 0) \(stamp?.modified ?? 0) \(stamp?.inode ?? 0)")
        }
        try BookFileRecord.combine(pieces, into: &hasher, making: destination)
        let key = hasher.hexDigest
        let record = BookFileRecord(folder: summary.folder, name: destination.lastPathComponent)
        if record.isCurrent(destination, key: key) {
            return Outcome(wrote: false, keptPublisherText: nil, warning: nil)
        }

        let work = destination.deletingLastPathComponent().appendingPathComponent(
            ".epub-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let audio = try remux(pieces, scenes: summary.scenes, ffmpeg: ffmpeg, into: work, making: destination)
        var contents: [(path: String, content: PublisherEdition.Content)]?
        var warning: String?
        if let publisherEPUB {
            do {
                let book = try EPUBBook(contentsOf: publisherEPUB.path)
                contents = try PublisherEdition(source: publisherEPUB, book: book, documents: documents).files(
                    audio: audio)
            } catch let failure as PublisherMarkup.Failure {
                warning =
                    "\(publisherEPUB.relativePath): warning: the read-along EPUB sets the text anew, without the publisher's styling and images: \(failure.reason)"
            } catch {
                warning =
                    "\(publisherEPUB.relativePath): warning: the read-along EPUB sets the text anew, without the publisher's styling and images: \(error.localizedDescription)"
            }
        }
        if contents == nil {
            var generated: [(path: String, content: PublisherEdition.Content)] = [
                ("mimetype", .data(Data("application/epub+zip".utf8), compressed: false)),
                ("META-INF/container.xml", .data(Data(Self.container.utf8), compressed: true)),
                (
                    "OEBPS/package.opf",
                    .data(Data(package(documents, audio: audio.map(\.path)).utf8), compressed: true)
                ),
            ]
            for file in files {
                generated.append(("OEBPS/" + file.path, .data(Data(file.text.utf8), compressed: true)))
            }
            if let cover {
                generated.append(("OEBPS/images/cover.\(cover.format.rawValue)", .data(cover.data, compressed: false)))
            }
            for file in audio { generated.append(("OEBPS/" + file.path, .file(file.url))) }
            contents = generated
        }

        let output = work.appendingPathComponent("book.epub")
        do {
            let archive = try Archive(url: output, accessMode: .create)
            for (path, content) in contents! {
                switch content {
                case .data(let data, let compressed): try add(data, as: path, to: archive, compressed: compressed)
                // AAC does not shrink: stored.
                case .file(let url): try archive.addEntry(with: path, fileURL: url)
                }
            }
        } catch let error as RenderError {
            throw error
        } catch {
            throw RenderError.cannotWrite(path: destination.relativePath, reason: FileSystemReason.describe(error))
        }
        try AtomicFile.replace(destination, with: output)
        try record.save(destination, key: key)
        return Outcome(wrote: true, keptPublisherText: warning == nil && publisherEPUB != nil, warning: warning)
    }

    private func add(_ data: Data, as path: String, to archive: Archive, compressed: Bool) throws {
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count),
            compressionMethod: compressed ? .deflate : .none,
            provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    }

    /// Each scene's piece in an MP4 file (`audio/scene-001.m4a`), by a stream copy: one ffmpeg
    /// for a few dozen scenes at a time. Scenes without samples have no audio file (and no cues).
    private func remux(
        _ pieces: [AudioPieces.Piece], scenes: [RenderedScene], ffmpeg: String, into work: URL, making destination: URL
    ) throws -> [(path: String, url: URL)] {
        try FileManager.default.createDirectory(
            at: work.appendingPathComponent("audio"), withIntermediateDirectories: true)
        let files = zip(pieces, scenes).filter { $0.0.sampleCount > 0 }.map { piece, scene in
            let path = ReadAlongDocuments.audioPath(for: scene.file)
            return (path: path, url: work.appendingPathComponent(path), piece: piece.file)
        }
        var start = 0
        while start < files.count {
            let batch = files[start..<min(files.count, start + 32)]
            var arguments = ["-nostdin", "-y", "-loglevel", "error"]
            for file in batch { arguments += ["-f", "aac", "-i", file.piece.path] }
            for (input, file) in batch.enumerated() {
                arguments += ["-map", "\(input):a", "-c:a", "copy", "-map_metadata", "-1", "-f", "mp4", file.url.path]
            }
            try FFmpeg.run(ffmpeg, arguments, making: destination, in: work)
            start += batch.count
        }
        return files.map { ($0.path, $0.url) }
    }

    static let container = """
        <?xml version="1.0" encoding="UTF-8"?>
        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
        <rootfiles>
        <rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
        </rootfiles>
        </container>

        """

    /// The package document: metadata (with each overlay's duration and the book's, their sum),
    /// the manifest and the spine.
    func package(_ documents: ReadAlongDocuments, audio: [String]) -> String {
        let escape = ReadAlongDocuments.escape
        // A UUID fixed by the book's title and author, so a new render is the same book to a reader.
        var identity = StableHasher()
        identity.combine("\(title)|\(author ?? "")")
        let digits = identity.hexDigest
        let uuid = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(digits.dropFirst(range.lowerBound).prefix(range.count))
        }.joined(separator: "-")
        var metadata = """
            <dc:identifier id="book-id">urn:uuid:\(uuid)</dc:identifier>
            <dc:title>\(escape(title.isEmpty ? "Untitled" : title))</dc:title>
            <dc:language>\(escape(documents.language))</dc:language>
            <meta property="dcterms:modified">\(ReadAlongDocuments.modified())</meta>

            """
        if let author { metadata += "<dc:creator>\(escape(author))</dc:creator>\n" }
        if cover != nil { metadata += "<meta name=\"cover\" content=\"cover-image\"/>\n" }
        var total = 0
        var manifest = """
            <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
            <item id="style" href="style.css" media-type="text/css"/>

            """
        var spine = ""
        for chapter in documents.chapters {
            let duration = documents.duration(of: chapter)
            total += duration
            metadata +=
                "<meta property=\"media:duration\" refines=\"#overlay-\(chapter.name)\">\(ReadAlongDocuments.clock(milliseconds: duration))</meta>\n"
            manifest +=
                "<item id=\"\(chapter.name)\" href=\"text/\(chapter.name).xhtml\" media-type=\"application/xhtml+xml\" media-overlay=\"overlay-\(chapter.name)\"/>\n"
            manifest +=
                "<item id=\"overlay-\(chapter.name)\" href=\"overlays/\(chapter.name).smil\" media-type=\"application/smil+xml\"/>\n"
            spine += "<itemref idref=\"\(chapter.name)\"/>\n"
        }
        metadata += "<meta property=\"media:duration\">\(ReadAlongDocuments.clock(milliseconds: total))</meta>\n"
        metadata += "<meta property=\"media:narrator\">espeak-ng (audiobook)</meta>\n"
        metadata += "<meta property=\"media:active-class\">\(ReadAlongDocuments.activeClass)</meta>\n"
        for (index, path) in audio.enumerated() {
            manifest += "<item id=\"audio-\(index + 1)\" href=\"\(path)\" media-type=\"audio/mp4\"/>\n"
        }
        if let cover {
            let type = cover.format == .png ? "image/png" : "image/jpeg"
            manifest +=
                "<item id=\"cover-image\" href=\"images/cover.\(cover.format.rawValue)\" media-type=\"\(type)\" properties=\"cover-image\"/>\n"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="\(escape(documents.language))">
            <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
            \(metadata)</metadata>
            <manifest>
            \(manifest)</manifest>
            <spine>
            \(spine)</spine>
            </package>

            """
    }
}

import AudiobookCore
import Foundation

/// Makes one chaptered audiobook file: the scene WAVs as AAC in an MP4 container,
/// with a chapter per chapter of the book. Chapter marks come from the sample
/// counts of the rendered scenes (FFMETADATA with an explicit TIMEBASE of one
/// sample), never from re-measured durations, and start where each chapter's
/// first line starts.
public struct M4BWriter: Sendable {
    /// A chapter mark, in samples from the start of the book.
    public struct Chapter: Sendable, Equatable {
        public var title: String
        public var start: Int
        public var end: Int
    }

    public var title: String
    public var author: String?
    /// A picture for players to show, stored as the file's attached picture.
    public var cover: CoverImage?

    /// Creates a writer for a book's title, author and cover.
    public init(title: String, author: String?, cover: CoverImage? = nil) {
        self.title = title
        self.author = author
        self.cover = cover
    }

    /// Chapters of the rendered scenes (`ChapterGrouping`), each from its first line to the next chapter's.
    public static func chapters(of scenes: [RenderedScene]) -> [Chapter] {
        let offsets = scenes.reduce(into: [0]) { $0.append($0.last! + $1.sampleCount) }
        var chapters = ChapterGrouping.groups(of: scenes.map { ($0.index, $0.chapter) }).map { group in
            let first = group.scenes.lowerBound
            return Chapter(
                title: group.title, start: offsets[first] + (scenes[first].cues.first?.startSample ?? 0),
                end: offsets[group.scenes.upperBound])
        }
        for index in chapters.indices.dropLast() { chapters[index].end = chapters[index + 1].start }
        return chapters
    }

    /// The FFMETADATA1 text: book metadata and chapters in samples.
    public func metadata(chapters: [Chapter], sampleRate: Int) -> String {
        func escape(_ value: String) -> String {
            var escaped = ""
            for character in value {
                if "=;#\\\n".contains(character) { escaped.append("\\") }
                escaped.append(character == "\n" ? " " : character)
            }
            return escaped
        }
        var text = ";FFMETADATA1\ntitle=\(escape(title))\nalbum=\(escape(title))\n"
        if let author { text += "artist=\(escape(author))\n" }
        text += "genre=Audiobook\n"
        for chapter in chapters {
            text +=
                "\n[CHAPTER]\nTIMEBASE=1/\(sampleRate)\nSTART=\(chapter.start)\nEND=\(chapter.end)\ntitle=\(escape(chapter.title))\n"
        }
        return text
    }

    /// Writes `destination` (atomically) from a render's encoded pieces (`BookRenderer.encodesPieces`):
    /// their AAC frames one after another, copied, never encoded again, with the chapters and
    /// metadata. A book file made from the same pieces, chapters and metadata is left as it is.
    /// Returns whether the file was written.
    @discardableResult
    public func write(_ summary: BookRenderer.Summary, to destination: URL) throws -> Bool {
        guard let pieces = summary.pieces else {
            throw RenderError.cannotWrite(
                path: destination.relativePath, reason: "the scenes' audiobook pieces were not made")
        }
        let ffmpeg = try FFmpeg.find(for: "--m4b")
        let metadata = metadata(chapters: M4BWriter.chapters(of: summary.scenes), sampleRate: summary.sampleRate)
        let record = BookFileRecord(folder: summary.folder, name: destination.lastPathComponent)
        var hasher = StableHasher()
        hasher.combine(metadata)
        if let cover { hasher.combine("cover \(StableHash.hex(StableHash.fnv1a64(cover.data)))") }
        try BookFileRecord.combine(pieces, into: &hasher, making: destination)
        let key = hasher.hexDigest
        if record.isCurrent(destination, key: key) { return false }
        let work = destination.deletingLastPathComponent().appendingPathComponent(
            ".m4b-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try metadata.write(to: work.appendingPathComponent("metadata.txt"), atomically: true, encoding: .utf8)
        let output = work.appendingPathComponent("book.m4b")
        // The pieces' frames one after another (ADTS frames stand on their own), read by ffmpeg's concat
        // protocol through links named plainly in the work folder (no `|` in a path can break the list).
        var names: [String] = []
        for (index, piece) in pieces.enumerated() where piece.sampleCount > 0 {
            let name = String(format: "%06d.aac", index)
            try FileManager.default.createSymbolicLink(
                at: work.appendingPathComponent(name), withDestinationURL: piece.file.absoluteURL)
            names.append(name)
        }
        var inputs = ["-f", "aac", "-i", "concat:" + names.joined(separator: "|"), "-i", "metadata.txt"]
        var maps = ["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1", "-c:a", "copy"]
        if let cover {
            let picture = work.appendingPathComponent("cover.\(cover.format.rawValue)")
            try cover.data.write(to: picture)
            inputs += ["-i", picture.path]
            maps += ["-map", "2:v", "-c:v", "copy", "-disposition:v:0", "attached_pic"]
        }
        // The major brand `M4B ` marks an audiobook (players then remember the place and show chapters).
        let arguments =
            ["-nostdin", "-y", "-loglevel", "error"] + inputs + maps + ["-brand", "M4B ", "-f", "mp4", output.path]
        try FFmpeg.run(ffmpeg, arguments, making: destination, in: work)
        try AtomicFile.replace(destination, with: output)
        try record.save(destination, key: key)
        return true
    }
}

/// What a book-level file (the M4B) was made from, so that a render with nothing changed leaves it alone.
struct BookFileRecord {
    let file: URL

    init(folder: URL, name: String) {
        file = folder.appendingPathComponent(".audiobook/book/\(name).json")
    }

    struct Contents: Codable {
        var key: String
        var stamp: FileStamp
    }

    /// Adds the pieces' files (name, size, time, inode) to a book file's key; a missing piece is an error.
    static func combine(_ pieces: [AudioPieces.Piece], into hasher: inout StableHasher, making destination: URL) throws
    {
        for piece in pieces {
            guard let stamp = FileStamp(piece.file) else {
                throw RenderError.cannotWrite(path: destination.relativePath, reason: "\(piece.file.path) is missing")
            }
            hasher.combine("|\(piece.file.lastPathComponent) \(stamp.size) \(stamp.modified) \(stamp.inode)")
        }
    }

    func isCurrent(_ destination: URL, key: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: file.path),
            let contents = try? JSONDecoder().decode(Contents.self, from: data)
        else { return false }
        return contents.key == key && FileStamp(destination) == contents.stamp
    }

    func save(_ destination: URL, key: String) throws {
        guard let stamp = FileStamp(destination) else { return }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileStamp.writeRecord(Contents(key: key, stamp: stamp), to: file)
    }
}

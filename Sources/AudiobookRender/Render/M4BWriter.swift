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

    /// Chapters of the rendered scenes: consecutive scenes of one chapter make one chapter.
    public static func chapters(of scenes: [RenderedScene]) -> [Chapter] {
        var chapters: [Chapter] = []
        var offset = 0
        for scene in scenes {
            let title = scene.chapter ?? "Scene \(scene.index)"
            let start = offset + (scene.cues.first?.startSample ?? 0)
            if let last = chapters.last, last.title == title, scene.chapter != nil {
                chapters[chapters.count - 1].end = offset + scene.sampleCount
            } else {
                if !chapters.isEmpty { chapters[chapters.count - 1].end = start }
                chapters.append(Chapter(title: title, start: start, end: offset + scene.sampleCount))
            }
            offset += scene.sampleCount
        }
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

    /// Writes `destination` (atomically) from a render's WAVs with ffmpeg.
    public func write(_ summary: BookRenderer.Summary, to destination: URL) throws {
        guard let ffmpeg = Executables.find("ffmpeg") else {
            throw RenderError.missingTool(name: "ffmpeg", purpose: "--m4b", package: "ffmpeg")
        }
        let work = destination.deletingLastPathComponent().appendingPathComponent(".m4b-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let list = summary.scenes.map {
            "file '\(summary.folder.appendingPathComponent($0.file).path.replacingOccurrences(of: "'", with: "'\\''"))'"
        }
        try (list.joined(separator: "\n") + "\n").write(
            to: work.appendingPathComponent("scenes.txt"), atomically: true, encoding: .utf8)
        try metadata(chapters: M4BWriter.chapters(of: summary.scenes), sampleRate: summary.sampleRate)
            .write(to: work.appendingPathComponent("metadata.txt"), atomically: true, encoding: .utf8)
        let output = work.appendingPathComponent("book.m4b")
        var inputs = [
            "-f", "concat", "-safe", "0", "-i", work.appendingPathComponent("scenes.txt").path,
            "-i", work.appendingPathComponent("metadata.txt").path,
        ]
        var maps = ["-map", "0:a", "-map_metadata", "1", "-map_chapters", "1", "-c:a", "aac", "-b:a", "64k"]
        if let cover {
            let picture = work.appendingPathComponent("cover.\(cover.format.rawValue)")
            try cover.data.write(to: picture)
            inputs += ["-i", picture.path]
            maps += ["-map", "2:v", "-c:v", "copy", "-disposition:v:0", "attached_pic"]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        // The major brand `M4B ` marks an audiobook (players then remember the place and show chapters).
        process.arguments =
            ["-nostdin", "-y", "-loglevel", "error"] + inputs + maps
            + ["-brand", "M4B ", "-f", "mp4", output.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RenderError.cannotWrite(
                path: destination.path,
                reason:
                    "ffmpeg failed: \(message.split(separator: "\n").last ?? "exit status \(process.terminationStatus)")"
            )
        }
        try AtomicFile.replace(destination, with: output)
    }
}

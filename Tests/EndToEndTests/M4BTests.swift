import Foundation
import Testing

/// The audiobook file put together from per-scene pieces: chapter marks, duration, the audio
/// itself sample for sample, and encoding only what changed.
@Suite("M4B from scene pieces with espeak-ng and ffmpeg, end to end", .serialized)
struct M4BTests {
    /// A book of `chapters` chapters, each its own scene; Agnes speaks in every chapter, Tobias in
    /// every third only.
    static func book(chapters: Int) -> String {
        (1...chapters).map { n in
            var text = "# Chapter \(n)\n\nThe tide turned for the \(n)th time that week.\n\n\"Again,\" said Agnes.\n"
            if n % 3 == 0 { text += "\n\"Always,\" said Tobias.\n" }
            return text
        }.joined(separator: "\n")
    }

    /// The samples of a 16-bit mono WAV (after its 44-byte header).
    static func samples(_ data: Data) -> [Int16] {
        data.dropFirst(44).withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
    }

    func render(_ folder: URL, extra: [String] = []) throws -> CommandResult {
        try CommandRunner.run(
            ["render", "book.md", "--voices", "voices", "--output", "out", "--m4b"] + extra, in: folder)
    }

    @Test(
        "with espeak-ng and ffmpeg: 21 scenes to M4B: every chapter mark within 50 ms of its first line, the duration within 100 ms of the WAVs', the audio where the WAVs have it; nothing encoded again when nothing changed; a voice change encodes only that speaker's scenes"
    )
    func chapterMarks() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.book(chapters: 21).write(
            to: folder.appendingPathComponent("book.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("voices"), withIntermediateDirectories: true)
        try "voice: en-us\nvariant: m2\npitch: 40\n".write(
            to: folder.appendingPathComponent("voices/Tobias.yaml"), atomically: true, encoding: .utf8)
        let first = try render(folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("(21 chapters; 21 scenes encoded afresh)"), "\(first.stdout)")
        let book = folder.appendingPathComponent("out/book")
        // The book's timeline: the scene WAVs one after another.
        var wavs: [[Int16]] = []
        for scene in 1...21 {
            wavs.append(
                Self.samples(try Data(contentsOf: book.appendingPathComponent(String(format: "scene-%03d.wav", scene))))
            )
        }
        #expect(wavs.allSatisfy { $0.count % 1024 == 0 }, "a scene holds whole AAC frames")
        let offsets = wavs.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        let cues = try CuesFile.cues(in: book)
        let probe = try CommandRunner.run(
            program: "ffprobe", ["-v", "error", "-show_chapters", "-show_format", "-of", "json", "book.m4b"], in: book)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any])
        let chapters = try #require(object["chapters"] as? [[String: Any]])
        #expect(chapters.count == 21)
        for (index, chapter) in chapters.enumerated() {
            let start = try #require(Double(chapter["start_time"] as? String ?? ""))
            let cue = try #require(cues.first { $0.scene == index + 1 })
            let expected = Double(offsets[index]) / 22050 + cue.start
            #expect(
                abs(start - expected) <= 0.05, "chapter \(index + 1) at \(start) s, its first line at \(expected) s")
        }
        let format = try #require(object["format"] as? [String: Any])
        let duration = try #require(Double(format["duration"] as? String ?? ""))
        #expect(
            abs(duration - Double(offsets.last!) / 22050) <= 0.1,
            "M4B \(duration) s, WAVs \(Double(offsets.last!) / 22050) s")
        // The audio itself: decoded, exactly as long as the WAVs, and at each mark the same speech as the WAV
        // (the best alignment of 80 ms of it within ±25 ms is no shift at all).
        let decoded = try CommandRunner.run(
            program: "ffmpeg", ["-v", "error", "-i", "book.m4b", "-f", "s16le", "-ac", "1", "book.raw"], in: book)
        #expect(decoded.status == 0, "\(decoded.stderr)")
        let audio = Self.samples(Data(count: 44) + (try Data(contentsOf: book.appendingPathComponent("book.raw"))))
        #expect(audio.count == offsets.last!)
        for index in 0..<21 {
            let cue = try #require(cues.first { $0.scene == index + 1 })
            let at = offsets[index] + Int(cue.start * 22050) + 2205
            let window = 1764
            let reach = 551
            guard at - reach >= 0, at + window + reach <= audio.count else { continue }
            let reference = (0..<window).map { Double(Self.at(wavs, offsets, at + $0)) }
            var best = (lag: 0, score: -Double.infinity)
            for lag in stride(from: -reach, through: reach, by: 1) {
                var score = 0.0
                for i in 0..<window { score += reference[i] * Double(audio[at + lag + i]) }
                if score > best.score { best = (lag, score) }
            }
            #expect(best.lag == 0, "chapter \(index + 1): its speech is \(best.lag) samples off in the M4B")
        }
        // Nothing changed: nothing encoded, the M4B left alone.
        let again = try render(folder)
        #expect(again.stdout.contains("book.m4b is unchanged (21 chapters)"), "\(again.stdout)")
        // A minor character's voice changes: only the scenes where he speaks are encoded again.
        try "voice: en-us\nvariant: m2\npitch: 70\n".write(
            to: folder.appendingPathComponent("voices/Tobias.yaml"), atomically: true, encoding: .utf8)
        let changed = try render(folder)
        let tobiasScenes = Set(cues.filter { $0.speaker == "Tobias" }.map(\.scene)).count
        #expect(tobiasScenes == 7)
        #expect(changed.stdout.contains("(21 chapters; 7 scenes encoded afresh)"), "\(changed.stdout)")
    }

    /// Sample `index` of the book's timeline, from the scene WAVs.
    static func at(_ wavs: [[Int16]], _ offsets: [Int], _ index: Int) -> Int16 {
        let scene = (offsets.lastIndex { $0 <= index } ?? 0)
        return wavs[min(scene, wavs.count - 1)][index - offsets[min(scene, wavs.count - 1)]]
    }
}

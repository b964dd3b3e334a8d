import Foundation
import Testing

/// A scene too long for one file is written as parts, cut between paragraphs: every file, cue and
/// chapter mark says so, and the book's timeline is the same audio.
@Suite("Long scenes written as parts, with espeak-ng and ffmpeg, end to end", .serialized)
struct ScenePartsTests {
    /// Chapter 1 is one scene of 24 paragraphs (about 3 minutes of speech); chapter 2 is short.
    static let book: String = {
        let paragraphs = (1...24).map { n in
            n % 4 == 0
                ? "\"We walked on for the \(n)th time, and the road did not end,\" said Agnes."
                : "The road ran along the river for mile after mile, past the mill and the \(n)th bridge, and the water was brown and slow."
        }
        return "# Chapter 1\n\n" + paragraphs.joined(separator: "\n\n") + "\n\n# Chapter 2\n\nThe end came at last.\n"
    }()

    static func samples(_ url: URL) throws -> Int { (try Data(contentsOf: url).count - 44) / 2 }

    @Test(
        "with espeak-ng and ffmpeg: --part-minutes 1 writes scene-001-1.wav, -2, … listed in order in book.cue and cues.json; the M4B keeps one mark per chapter on its first line; a preview of the scene gives the same parts"
    )
    func parts() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.book.write(to: folder.appendingPathComponent("book.md"), atomically: true, encoding: .utf8)
        let split = try CommandRunner.run(
            ["render", "book.md", "--output", "split", "--part-minutes", "1", "--m4b", "--quiet"], in: folder)
        #expect(split.status == 0, "\(split.stderr)")
        let whole = try CommandRunner.run(["render", "book.md", "--output", "whole", "--quiet"], in: folder)
        #expect(whole.status == 0, "\(whole.stderr)")

        let book = folder.appendingPathComponent("split/book")
        let names = try FileManager.default.contentsOfDirectory(atPath: book.path).filter { $0.hasSuffix(".wav") }
            .sorted()
        let parts = names.filter { $0.hasPrefix("scene-001-") }
        #expect(parts.count >= 3, "\(names)")
        #expect(parts == (1...parts.count).map { "scene-001-\($0).wav" })
        #expect(names == parts + ["scene-002.wav"], "no scene-001.wav beside its parts")

        // cues.json: the scene's lines in order across its parts, numbered as in the whole scene.
        let cues = try CuesFile.cues(in: book)
        let wholeCues = try CuesFile.cues(in: folder.appendingPathComponent("whole/book"))
        #expect(cues.map(\.line) == wholeCues.map(\.line) && cues.map(\.scene) == wholeCues.map(\.scene))
        var files: [String] = []
        for cue in cues where files.last != cue.file { files.append(cue.file) }
        #expect(files == parts + ["scene-002.wav"], "every part's lines in its own file, in order")
        let sheet = try String(contentsOf: book.appendingPathComponent("book.cue"), encoding: .utf8)
        let listed = sheet.split(separator: "\n").filter { $0.hasPrefix("FILE ") }
        #expect(listed == (parts + ["scene-002.wav"]).map { "FILE \"\($0)\" WAVE" })
        #expect(sheet.contains("TITLE \"Chapter 1 (scene 1, part 2)\""), "\(sheet)")

        // The timeline: the same length as the whole scene's but for the whole AAC frames each part is padded to.
        let partSamples = try parts.map { try Self.samples(book.appendingPathComponent($0)) }
        let wholeSamples = try Self.samples(folder.appendingPathComponent("whole/book/scene-001.wav"))
        let extra = partSamples.reduce(0, +) - wholeSamples
        #expect(extra >= 0 && extra < 1024 * (parts.count - 1), "the parts hold \(extra) samples more than the scene")

        // The M4B: two chapters, the second on its first line, and as long as the WAVs.
        let probe = try CommandRunner.run(
            program: "ffprobe", ["-v", "error", "-show_chapters", "-show_format", "-of", "json", "book.m4b"], in: book)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any])
        let chapters = try #require(object["chapters"] as? [[String: Any]])
        #expect(chapters.count == 2)
        let second = try #require(Double(chapters.last?["start_time"] as? String ?? ""))
        let firstLine = try #require(cues.first { $0.scene == 2 })
        let expected = Double(partSamples.reduce(0, +)) / 22050 + firstLine.start
        #expect(abs(second - expected) <= 0.05, "chapter 2 at \(second) s, its first line at \(expected) s")
        let format = try #require(object["format"] as? [String: Any])
        let duration = try #require(Double(format["duration"] as? String ?? ""))
        let total = Double(partSamples.reduce(0, +) + (try Self.samples(book.appendingPathComponent("scene-002.wav"))))
        #expect(abs(duration - total / 22050) <= 0.1, "M4B \(duration) s, WAVs \(total / 22050) s")

        // A preview of the scene writes the same parts, byte for byte.
        let preview = try CommandRunner.run(
            ["preview", "book.md", "--scene", "1", "--part-minutes", "1", "--render-output", "split"], in: folder)
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.contains("scene 1, part 2 of \(parts.count)"), "\(preview.stdout)")
        for part in parts {
            let difference = CommandRunner.difference(
                try Data(contentsOf: book.appendingPathComponent("preview-" + part)),
                try Data(contentsOf: book.appendingPathComponent(part)))
            #expect(difference == nil, "preview-\(part): \(difference ?? "")")
        }
        // Out of range: a clear error.
        let bad = try CommandRunner.run(["render", "book.md", "--output", "bad", "--part-minutes", "0"], in: folder)
        #expect(bad.status != 0 && bad.stderr.contains("--part-minutes must be between 1 and 120"), "\(bad.stderr)")
    }
}

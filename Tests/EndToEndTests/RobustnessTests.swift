import AudiobookCore
import Foundation
import Testing

/// Hostile conditions: signals in the middle of a render, hostile config, huge paragraphs.
@Suite("Robustness, end to end", .serialized)
struct RobustnessTests {
    @Test(
        "with espeak-ng (and ffmpeg for --m4b): SIGINT and SIGTERM stop the render, remove temporary files (pieces too), keep finished ones; a rerun resumes",
        arguments: [(SIGINT, false), (SIGTERM, true)])
    func interrupt(_ signalNumber: Int32, _ m4b: Bool) throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try CommandRunner.longBook(chapters: 100).write(
            to: folder.appendingPathComponent("book.txt"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["render", "book.txt", "--output", "out", "--quiet"] + (m4b ? ["--m4b"] : [])
        process.currentDirectoryURL = folder
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let book = folder.appendingPathComponent("out/book")
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: book.appendingPathComponent("scene-002.wav").path),
            Date() < deadline
        {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(process.processIdentifier, signalNumber)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + signalNumber)
        #expect(message.hasSuffix("interrupted: finished files are kept; run the same command again to resume\n"))
        let files = try FileManager.default.contentsOfDirectory(atPath: book.path)
        #expect(!files.contains { $0.hasSuffix(".tmp") }, "\(files)")
        let finished = files.filter { $0.hasPrefix("scene-") }
        #expect(finished.count >= 2)
        for name in finished {
            // A whole WAV: its header's data size is what the file holds.
            let data = try Data(contentsOf: book.appendingPathComponent(name))
            let size = data[40..<44].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            #expect(size + 44 == data.count, "\(name) is truncated")
        }
        let pieces = book.appendingPathComponent(".audiobook/pieces")
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: pieces.path)) ?? []
        #expect(!leftovers.contains { $0.hasSuffix(".tmp") }, "\(leftovers)")
        let again = try CommandRunner.run(
            ["render", "book.txt", "--output", "out"] + (m4b ? ["--m4b"] : []), in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        if m4b {
            #expect(again.stdout.contains("wrote \(book.path)/book.m4b"), "\(again.stdout)")
        }
        let units = again.stdout.split(separator: "\n").first { $0.hasPrefix("speech units") } ?? ""
        let unchanged = units.split(separator: ";").last.flatMap { Int($0.split(separator: " ").first ?? "") } ?? 0
        #expect(unchanged >= finished.count, "\(again.stdout)")
    }

    @Test(
        "hostile YAML is an error, not a crash or a hang",
        arguments: [
            ("deep", String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)),
            (
                "aliases",
                "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
            ),
            ("wrong types", "characters:\n  - name: [1, 2]\n"),
            ("binary", "\u{0}\u{1}\u{2}"),
        ])
    func hostileYAML(_ name: String, _ yaml: String) throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try yaml.write(to: folder.appendingPathComponent("cast.yaml"), atomically: true, encoding: .utf8)
        try "\"Hi,\" said Tessa.\n".write(
            to: folder.appendingPathComponent("book.txt"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["script", "book.txt", "--cast", "cast.yaml"], in: folder)
        #expect(result.status == 1, "\(name): \(result.stderr)")
        #expect(result.stderr.hasPrefix("cast.yaml:") || result.stderr.hasPrefix("error: "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("a 1 MB paragraph and a 100 KB word do not stall the script")
    func hugeParagraph() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sentence = "\"It was a long day,\" said Tessa, and Sasha laughed. "
        let paragraph = String(repeating: sentence, count: 1_000_000 / sentence.utf8.count)
        let word = String(repeating: "a", count: 100_000)
        try "\(paragraph)\n\n\(word)\n\n\"Done,\" said Tessa.\n".write(
            to: folder.appendingPathComponent("big.txt"), atomically: true, encoding: .utf8)
        let start = Date()
        let result = try CommandRunner.run(["script", "big.txt", "--format", "json"], in: folder)
        #expect(result.status == 0)
        #expect(
            Date().timeIntervalSince(start) < 60,
            "a correctness bound, not a benchmark: quadratic work would take hours")
        let script = try ScriptJSON.decode(Data(result.stdout.utf8))
        #expect(script.dialogue.count >= 1_000_000 / sentence.utf8.count)
        #expect(script.dialogue.last?.speaker == "Tessa")
    }

    @Test("a 100 MB manuscript is refused with a clear message before it is read")
    func tooLarge() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("huge.txt")
        FileManager.default.createFile(atPath: path.path, contents: nil)
        let handle = try FileHandle(forWritingTo: path)
        try handle.truncate(atOffset: 100_000_000)
        try handle.close()
        let result = try CommandRunner.run(["script", "huge.txt"], in: folder)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "error: huge.txt is 100.0 MB; manuscripts up to 64 MB are read: split the book into volumes\n")
    }

    @Test("with espeak-ng: a disk that fills (a file-size limit) is a clear error, and nothing half-written is left")
    func diskFull() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sentence = "The sea was grey and the wind was cold, and nobody spoke for a long time. "
        try String(repeating: sentence, count: 200).write(
            to: folder.appendingPathComponent("book.txt"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            executable: URL(fileURLWithPath: "/bin/bash"),
            ["-c", "ulimit -f 512; exec \"$0\" render book.txt --output out --quiet", CommandRunner.binary.path],
            in: folder)
        let message = result.stderr
        #expect(result.status == 1)
        // The last line is ours (the runtime itself complains once about the limit at start-up).
        #expect(
            message.split(separator: "\n").last.map(String.init)
                == "error: cannot write \(folder.appendingPathComponent("out/book/scene-001.wav").path): file too large (a file-size limit, or the file system's largest file)"
        )
        let left =
            (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out/book").path)) ?? []
        #expect(left.filter { !$0.hasPrefix(".audiobook") }.isEmpty, "\(left)")
    }

    @Test("an output folder that cannot be written is a clear error")
    func unwritableOutput() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "\"Hi,\" said Tessa.\n".write(
            to: folder.appendingPathComponent("book.txt"), atomically: true, encoding: .utf8)
        try "not a folder".write(to: folder.appendingPathComponent("out"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["render", "book.txt", "--output", "out", "--quiet"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot write out/book: out is a file, not a directory\n")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}

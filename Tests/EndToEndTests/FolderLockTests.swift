import Foundation
import Testing

/// One writer per output folder, with real processes.
@Suite("One render per folder, end to end", .serialized)
struct FolderLockTests {
    @Test(
        "with espeak-ng: a second render into a folder being rendered stops at once, naming the first; with --wait it waits and renders"
    )
    func secondRender() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try CommandRunner.longBook(chapters: 40).write(
            to: folder.appendingPathComponent("book.txt"), atomically: true, encoding: .utf8)
        let first = Process()
        first.executableURL = CommandRunner.binary
        first.arguments = ["render", "book.txt", "--output", "out", "--quiet", "--jobs", "1"]
        first.currentDirectoryURL = folder
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        defer { if first.isRunning { first.terminate() } }
        let lock = folder.appendingPathComponent("out/book/.audiobook/lock")
        let deadline = Date().addingTimeInterval(60)
        while (try? String(contentsOf: lock, encoding: .utf8))?.contains("\(first.processIdentifier)") != true,
            Date() < deadline
        {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let second = try CommandRunner.run(["render", "book.txt", "--output", "out", "--quiet"], in: folder)
        #expect(second.status != 0)
        let message = second.stderr.trimmingCharacters(in: .newlines)
        #expect(
            message.hasPrefix("error: out/book is being rendered by process \(first.processIdentifier) (started "),
            "\(message)")
        #expect(message.hasSuffix("); wait for it or use another --output"), "\(message)")
        #expect(first.isRunning, "the second render must not disturb the first")
        let waited = try CommandRunner.run(["render", "book.txt", "--output", "out", "--wait"], in: folder)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(
            waited.stdout.contains("40 scenes unchanged") || waited.stdout.contains("scenes unchanged"),
            "\(waited.stdout)")
    }

    @Test(
        "with espeak-ng: a lock left by a process that no longer runs is taken over, with a warning, and its temporary files are removed (and only those)"
    )
    func staleLock() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "\"Hi,\" said Tessa.\n".write(
            to: folder.appendingPathComponent("book.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("out/book/.audiobook"), withIntermediateDirectories: true)
        // A process id that is not running: a child that has already exited.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        try "{\"pid\":\(gone.processIdentifier),\"started\":\"12:04:11\"}".write(
            to: folder.appendingPathComponent("out/book/.audiobook/lock"), atomically: true, encoding: .utf8)
        // What a killed render left (kill -9), and what a live process (this test) is writing there.
        let dead = folder.appendingPathComponent("out/book/.scene-011.wav.\(gone.processIdentifier).ab12cd34.tmp")
        let live = folder.appendingPathComponent("out/book/.preview-scene-001.wav.\(getpid()).cd34ab12.tmp")
        let deadPiece = folder.appendingPathComponent(
            "out/book/.audiobook/.scene-002.json.\(gone.processIdentifier).ef56ab12.tmp")
        for file in [dead, live, deadPiece] { try Data(count: 4096).write(to: file) }
        let result = try CommandRunner.run(["render", "book.txt", "--output", "out", "--quiet"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr
                == "out/book: warning: took over the lock of process \(gone.processIdentifier) (started 12:04:11), which no longer runs\n"
        )
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        #expect(!FileManager.default.fileExists(atPath: deadPiece.path))
        #expect(FileManager.default.fileExists(atPath: live.path), "a live process's temporary file is its own")
    }
}

/// A cache that is lied to: files changed behind its back, records that are garbage.
@Suite("A cache that is not trusted blindly, end to end", .serialized)
struct CacheTrustTests {
    @Test(
        "with espeak-ng: a WAV overwritten in place with the same size and time, and a garbage record, are warned about and rendered afresh"
    )
    func changedBehindItsBack() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: CommandRunner.fixture("platform-nine.txt"), to: folder.appendingPathComponent("book.txt"))
        let first = try CommandRunner.run(["render", "book.txt", "--output", "out", "--quiet"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let wav = folder.appendingPathComponent("out/book/scene-001.wav")
        let good = try Data(contentsOf: wav)
        // A reference with the WAV's exact times (to the nanosecond), for `touch -r` afterwards.
        let reference = folder.appendingPathComponent("reference")
        #expect(try CommandRunner.run(program: "cp", ["--preserve=timestamps", wav.path, reference.path]).status == 0)
        // Overwrite the header in place (same inode and size), then put the modification time back.
        let handle = try FileHandle(forWritingTo: wav)
        try handle.write(contentsOf: Data(count: 44))
        try handle.close()
        #expect(try CommandRunner.run(program: "touch", ["-r", reference.path, wav.path]).status == 0)
        try "not json".write(
            to: folder.appendingPathComponent("out/book/.audiobook/scene-002.json"), atomically: false, encoding: .utf8)
        let second = try CommandRunner.run(["render", "book.txt", "--output", "out"], in: folder)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(
            second.stderr.contains(
                "out/book/scene-001.wav: warning: the file was changed behind the render's back (it is not the WAV its record describes); it is rendered afresh"
            ),
            "\(second.stderr)")
        #expect(
            second.stderr.contains(
                "out/book/.audiobook/scene-002.json: warning: a cache record that cannot be read; its scene is rendered afresh"
            ),
            "\(second.stderr)")
        #expect(second.stdout.contains("0 scenes unchanged"), "\(second.stdout)")
        #expect(
            try CommandRunner.difference(Data(contentsOf: wav), good) == nil, "the scene is rendered again, as it was")
    }

    @Test(
        "with espeak-ng: samples changed in the middle of a WAV (same size, time and inode) are caught by the unit's checksum when the unit would be copied, and spoken again"
    )
    func changedSamples() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: CommandRunner.fixture("platform-nine.txt"), to: folder.appendingPathComponent("book.txt"))
        try FileManager.default.copyItem(
            at: CommandRunner.packageRoot.appendingPathComponent("Voices"), to: folder.appendingPathComponent("voices"))
        let first = try CommandRunner.run(
            ["render", "book.txt", "--voices", "voices", "--output", "out", "--quiet"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let wav = folder.appendingPathComponent("out/book/scene-001.wav")
        let reference = folder.appendingPathComponent("reference")
        #expect(try CommandRunner.run(program: "cp", ["--preserve=timestamps", wav.path, reference.path]).status == 0)
        // A burst of noise written over samples in the middle, in place; then the time put back.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: wav.path)[.size] as? Int)
        let handle = try FileHandle(forWritingTo: wav)
        try handle.seek(toOffset: UInt64(44 + (size - 44) / 4 * 2))
        try handle.write(contentsOf: Data((0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 37) }))
        try handle.close()
        #expect(try CommandRunner.run(program: "touch", ["-r", reference.path, wav.path]).status == 0)
        // Longer pauses between paragraphs: every scene is written again from its cached units.
        let pauses = folder.appendingPathComponent("voices/pauses.yaml")
        let text = try String(contentsOf: pauses, encoding: .utf8)
        let changed =
            text.split(separator: "\n").map { line in
                line.hasPrefix("paragraph:") ? "paragraph: 777" : String(line)
            }.joined(separator: "\n") + "\n"
        #expect(changed != text)
        try changed.write(to: pauses, atomically: true, encoding: .utf8)
        let second = try CommandRunner.run(["render", "book.txt", "--voices", "voices", "--output", "out"], in: folder)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(
            second.stderr.contains(
                "out/book/scene-001.wav: warning: audio in the file is not what its record says (changed behind the render's back); those lines are spoken again"
            ), "\(second.stderr)")
        #expect(!second.stdout.contains(" 0 spoken"), "\(second.stdout)")
        let clean = try CommandRunner.run(
            ["render", "book.txt", "--voices", "voices", "--output", "clean", "--quiet"], in: folder)
        #expect(clean.status == 0, "\(clean.stderr)")
        for name in ["scene-001.wav", "scene-002.wav", "cues.json"] {
            #expect(
                try Data(contentsOf: folder.appendingPathComponent("out/book/\(name)"))
                    == Data(contentsOf: folder.appendingPathComponent("clean/book/\(name)")), "\(name)")
        }
    }
}

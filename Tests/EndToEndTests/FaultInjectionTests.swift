import AudiobookCore
import Foundation
import Testing

@testable import AudiobookRender

/// Workers killed from outside, at random, while a book renders: the render goes on (or stops
/// cleanly), what it leaves is never wrong, and a rerun gives exactly a clean render's bytes.
@Suite("Fault injection, end to end", .serialized)
struct FaultInjectionTests {
    /// The processes under `root` (its children, theirs, …), from /proc.
    static func descendants(of root: Int32) -> [Int32] {
        var children: [Int32: [Int32]] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(name),
                let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // pid (comm) state ppid …
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = Int32(fields[1]) { children[parent, default: []].append(pid) }
        }
        var found: [Int32] = []
        var queue = [root]
        while let next = queue.popLast() {
            for child in children[next] ?? [] {
                found.append(child)
                queue.append(child)
            }
        }
        return found
    }

    /// The parent pid of a process, from /proc (nil when it is gone).
    static func parent(of pid: Int32) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // A zombie is gone for this purpose: it holds nothing open.
        guard fields.count > 1, fields[0] != "Z" else { return nil }
        return Int32(fields[1])
    }

    @Test(
        "with espeak-ng: a worker killed while its unit's child is blocked writing audio takes the child with it, so the renderer's wait for the worker ends"
    )
    func workerKilledMidUnit() throws {
        let worker = try WorkerProcess(command: [CommandRunner.binary.path, "_worker"])
        // Ten utterances of some 90 s of speech each: far more audio than the pipe holds, so once the
        // first frame is read and no more, the unit's child blocks writing the second.
        let sentence =
            "The wind came over the hill and down to the river, where the boats lay still in the dark water. "
        let utterance = Utterance(
            text: String(repeating: sentence, count: 14), voice: VoiceSettings(voice: "gmw/en-US"))
        try worker.send(WorkerProtocol.Job(units: [Array(repeating: utterance, count: 10)]))
        guard case .frame(.audio(index: 0, _)) = worker.next(timeout: 120) else {
            Issue.record("the worker sent no first frame")
            return
        }
        let children = Self.descendants(of: worker.processIdentifier)
        #expect(children.count == 1, "one child speaks the unit: \(children)")
        #expect(kill(worker.processIdentifier, SIGKILL) == 0)
        // What the pool does with a worker that answers wrongly: kill it and wait for it. The wait
        // must end; without the child dying with its worker it lasts until the child's time limit.
        let waited = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let killing = worker
        let thread = Thread {
            killing.kill()
            waited.signal()
        }
        thread.start()
        let ended = waited.wait(timeout: .now() + 30) == .success
        #expect(ended, "the wait for the killed worker did not end while its child \(children) lived")
        // The kernel's signal to the child is delivered as the worker dies, not before the wait can end:
        // on a busy machine the child may take a moment more to go.
        var outlived = children
        for _ in 0..<500 where !outlived.isEmpty {
            Thread.sleep(forTimeInterval: 0.01)
            outlived = outlived.filter { Self.parent(of: $0) != nil }
        }
        #expect(outlived.isEmpty, "the unit's child \(outlived) outlived its worker")
        for child in children { kill(child, SIGKILL) }
        if !ended { _ = waited.wait(timeout: .now() + 30) }
    }

    @Test(
        "with espeak-ng: a random worker process killed every 150–400 ms (at most 12 kills, 30 s): the render ends, leaves no temporary file, and a rerun is byte-identical to a clean render"
    )
    func randomKills() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A book of 16 chapters whose paragraphs all differ (so every unit is spoken, none copied).
        let text = try String(contentsOf: CommandRunner.fixture("platform-nine.txt"), encoding: .utf8)
        let book = (1...16).map { chapter in
            let paragraphs = text.components(separatedBy: "\n\n").map { paragraph in
                paragraph.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                    ? paragraph : paragraph.trimmingCharacters(in: .newlines) + " (Part \(chapter).)"
            }
            return "Chapter \(chapter)\n\n" + paragraphs.joined(separator: "\n\n")
        }.joined(separator: "\n")
        try book.write(to: folder.appendingPathComponent("book.txt"), atomically: true, encoding: .utf8)
        let clean = try CommandRunner.run(["render", "book.txt", "--output", "clean", "--quiet"], in: folder)
        #expect(clean.status == 0, "\(clean.stderr)")

        let process = Process()
        process.executableURL = CommandRunner.binary
        process.arguments = ["render", "book.txt", "--output", "faulty", "--quiet", "--jobs", "2"]
        process.currentDirectoryURL = folder
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        nonisolated(unsafe) var message = Data()
        let reader = Thread { message = errors.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        var kills = 0
        let deadline = Date().addingTimeInterval(30)
        var generator = SystemRandomNumberGenerator()
        while process.isRunning, kills < 12, Date() < deadline {
            Thread.sleep(forTimeInterval: Double.random(in: 0.15...0.4, using: &generator))
            let workers = Self.descendants(of: process.processIdentifier)
            guard let victim = workers.randomElement(using: &generator) else { continue }
            if kill(victim, SIGKILL) == 0 { kills += 1 }
        }
        process.waitUntilExit()
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        let stderr = String(decoding: message, as: UTF8.self)
        #expect(kills > 0, "no worker was killed")
        // The render ends: with success, warnings for the lines it lost, or a clear error.
        #expect(process.terminationReason == .exit, "signal \(process.terminationStatus): \(stderr)")
        #expect(!stderr.contains("espeak-ng crashed"), "a kill from outside is not blamed on espeak-ng: \(stderr)")
        let output = folder.appendingPathComponent("faulty/book")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        #expect(!files.contains { $0.hasSuffix(".tmp") }, "\(files)")

        let rerun = try CommandRunner.run(["render", "book.txt", "--output", "faulty"], in: folder)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let names = try FileManager.default.contentsOfDirectory(
            atPath: folder.appendingPathComponent("clean/book").path
        ).filter { !$0.hasPrefix(".") }
        #expect(names.count > 16)
        for name in names {
            let expected = try Data(contentsOf: folder.appendingPathComponent("clean/book/\(name)"))
            let actual = try Data(contentsOf: output.appendingPathComponent(name))
            let difference = CommandRunner.difference(expected, actual)
            #expect(difference == nil, "\(name) differs after \(kills) kills: \(difference ?? "")")
        }
        let spoken =
            rerun.stdout.components(separatedBy: "speech units (runs of whole paragraphs): ").dropFirst()
            .first?.prefix { $0 != " " } ?? "?"
        print(
            "fault injection: render ended by \(process.terminationReason == .exit ? "exit" : "signal") \(process.terminationStatus), \(kills) kills, \(spoken) units spoken again by the rerun, \(names.count) files compared"
                + (process.terminationReason == .exit
                    ? "" : "; its last words: " + stderr.prefix(3000).replacingOccurrences(of: "\n", with: " | "))
        )
    }
}

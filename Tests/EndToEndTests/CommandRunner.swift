import Foundation

/// Runs the built `audiobook` binary and captures what it prints.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CommandRunner {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `audiobook` executable built beside the test bundle.
    static var binary: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("audiobook")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/audiobook")
    }

    /// Runs `audiobook ARGS` in `directory` (default: the package root).
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> CommandResult {
        try run(executable: binary, arguments, in: directory)
    }

    /// Runs any program (a path, or a name looked up through /usr/bin/env) and captures what it prints.
    static func run(
        executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes at once, so that neither can fill up and stall the program.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.001) }
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a program found on PATH.
    static func run(program name: String, _ arguments: [String], in directory: URL? = nil) throws -> CommandResult {
        try run(executable: URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments, in: directory)
    }

    /// A fixture manuscript of this test target.
    static func fixture(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures").appendingPathComponent(name)
    }

    /// A book long enough for a render to take a while: the platform-nine fixture as
    /// `chapters` chapters of its own, each under a `Chapter N` heading.
    static func longBook(chapters: Int) throws -> String {
        let text = try String(contentsOf: fixture("platform-nine.txt"), encoding: .utf8)
        return (1...chapters).map { "Chapter \($0)\n\n\(text)" }.joined(separator: "\n")
    }

    /// A fresh temporary folder.
    /// Where two files' bytes first differ (nil when they are the same). Compare audio with this, not
    /// `#expect(a == b)`: on a mismatch, Swift Testing diffs the two values, which for megabytes of
    /// audio takes hours.
    static func difference(_ left: Data, _ right: Data) -> String? {
        guard left != right else { return nil }
        let first =
            zip(left, right).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(left.count, right.count)
        return "\(left.count) bytes against \(right.count), first different byte at \(first)"
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("audiobook-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A book's `cues.json` as the tests read it: every field a cue has (each test looks at those it needs).
struct CuesFile: Decodable {
    struct Cue: Decodable {
        var scene: Int
        var file: String
        var line: Int
        var speaker: String
        var profile: String
        var kind: String
        var start: Double
        var end: Double
        var text: String
    }

    var cues: [Cue]

    /// The cues of a book folder (`out/book`).
    static func cues(in book: URL) throws -> [Cue] {
        try JSONDecoder().decode(CuesFile.self, from: Data(contentsOf: book.appendingPathComponent("cues.json"))).cues
    }
}

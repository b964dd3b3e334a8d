import Foundation
import Testing
import Yams

/// Sharded renders as a batch engine runs them (the shard from the engine's variables), then
/// `assemble`: the same bytes as one render (needs espeak-ng and ffmpeg, which `make test` installs).
@Suite("Shards and assemble, end to end", .serialized)
struct ShardRenderTests {
    static let files =
        ["book.cue", "cues.json", "book.vtt", "book.m4b"]
        + (1...12).map {
            String(format: "scene-%03d.wav", $0)
        }

    /// Runs `audiobook ARGS` (or, with `program`, the program ARGS[0]) with these variables added to
    /// the environment and the engines' own variables taken out.
    static func run(
        _ arguments: [String], in folder: URL, environment: [String: String] = [:], program: Bool = false
    ) throws -> CommandResult {
        var variables = ProcessInfo.processInfo.environment
        for name in ["JOB_COMPLETION_INDEX", "PARALLEL_SEQ", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT"] {
            variables[name] = nil
        }
        variables.merge(environment) { $1 }
        if program {
            return try CommandRunner.run(
                executable: URL(fileURLWithPath: arguments[0]), Array(arguments.dropFirst()), in: folder,
                environment: variables)
        }
        return try CommandRunner.run(executable: CommandRunner.binary, arguments, in: folder, environment: variables)
    }

    static func book() throws -> URL {
        let folder = try CommandRunner.temporaryDirectory()
        try M4BTests.book(chapters: 12).write(
            to: folder.appendingPathComponent("book.md"), atomically: true, encoding: .utf8)
        return folder
    }

    /// One plain `render --m4b` of the book into `plain`, then its files compared with `output`'s.
    static func expectSameAsOneRender(_ folder: URL, _ output: String) throws {
        let plain = try run(["render", "book.md", "--output", "plain", "--m4b"], in: folder)
        #expect(plain.status == 0, "\(plain.stderr)")
        try expectSame(folder, "plain", output)
    }

    static func expectSame(_ folder: URL, _ a: String, _ b: String) throws {
        for file in files {
            let left = try Data(contentsOf: folder.appendingPathComponent("\(a)/book/\(file)"))
            let right = try Data(contentsOf: folder.appendingPathComponent("\(b)/book/\(file)"))
            let difference = CommandRunner.difference(left, right)
            #expect(difference == nil, "\(file) differs between \(a) and \(b): \(difference ?? "")")
        }
    }

    @Test(
        "with espeak-ng and ffmpeg: three shards (K/N, a Kubernetes index, a Slurm array task) into their own folders, then assemble --from: WAVs, cue files and M4B byte-identical to one render"
    )
    func separateFolders() throws {
        let folder = try Self.book()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shards: [(String, [String: String])] = [
            ("1/3", [:]), ("auto/3", ["JOB_COMPLETION_INDEX": "1"]),
            ("auto", ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3"]),
        ]
        var scenes: [Set<String>] = []
        for (index, (shard, environment)) in shards.enumerated() {
            let result = try Self.run(
                ["render", "book.md", "--output", "shard-\(index + 1)", "--shard", shard, "--m4b"], in: folder,
                environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("rendered shard \(index + 1) of 3"), "\(result.stdout)")
            let names = try FileManager.default.contentsOfDirectory(
                atPath: folder.appendingPathComponent("shard-\(index + 1)/book").path)
            #expect(!names.contains("cues.json"), "a shard writes no book files")
            scenes.append(Set(names.filter { $0.hasSuffix(".wav") }))
        }
        #expect(scenes.allSatisfy { !$0.isEmpty })
        #expect(scenes.reduce(Set()) { $0.union($1) }.count == 12, "every scene in exactly one shard: \(scenes)")
        #expect(scenes.map(\.count).reduce(0, +) == 12)

        let assemble = try Self.run(
            ["assemble", "book.md", "--from", "shard-1", "shard-2", "shard-3", "--output", "assembled", "--m4b"],
            in: folder)
        #expect(assemble.status == 0, "\(assemble.stderr)")
        #expect(assemble.stdout.contains("assembled 12 scenes"), "\(assemble.stdout)")
        #expect(assemble.stdout.contains("0 spoken"), "\(assemble.stdout)")
        #expect(assemble.stdout.contains("0 scenes encoded afresh"), "the shards' pieces are used: \(assemble.stdout)")
        try Self.expectSameAsOneRender(folder, "assembled")
    }

    @Test(
        "with espeak-ng and ffmpeg: three shards at once (GNU parallel's PARALLEL_SEQ) into one folder they all write to, then assemble: byte-identical to one render"
    )
    func oneFolder() throws {
        let folder = try Self.book()
        defer { try? FileManager.default.removeItem(at: folder) }
        var processes: [Process] = []
        for sequence in 1...3 {
            let process = Process()
            process.executableURL = CommandRunner.binary
            process.arguments = [
                "render", "book.md", "--output", "together", "--shard", "auto/3", "--quiet", "--jobs", "1",
            ]
            process.currentDirectoryURL = folder
            var environment = ProcessInfo.processInfo.environment
            environment["PARALLEL_SEQ"] = "\(sequence)"
            process.environment = environment
            process.standardError = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let assemble = try Self.run(["assemble", "book.md", "--output", "together", "--m4b"], in: folder)
        #expect(assemble.status == 0, "\(assemble.stderr)")
        #expect(assemble.stdout.contains("12 scenes unchanged"), "\(assemble.stdout)")
        try Self.expectSameAsOneRender(folder, "together")
    }

    @Test(
        "assemble without a shard's scenes, or with a scene rendered from other text, names the scene and writes no book file"
    )
    func missingShard() throws {
        let folder = try Self.book()
        defer { try? FileManager.default.removeItem(at: folder) }
        for k in 1...2 {
            let result = try Self.run(
                ["render", "book.md", "--output", "shard-\(k)", "--shard", "\(k)/3", "--quiet"], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let missing = try Self.run(
            ["assemble", "book.md", "--from", "shard-1", "shard-2", "--output", "out"], in: folder)
        #expect(missing.status != 0)
        #expect(
            missing.stderr.contains(
                "(scene-009.wav) is in none of the folders (out/book, shard-1/book, shard-2/book); render its shard again (--shard) before assembling"
            ) || missing.stderr.contains("is in none of the folders"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/book/cues.json").path))
        // The text of a scene of shard 1 changes: its WAV there is stale.
        let text = try String(contentsOf: folder.appendingPathComponent("book.md"), encoding: .utf8)
        try text.replacingOccurrences(of: "for the 1th time", with: "for the first time").write(
            to: folder.appendingPathComponent("book.md"), atomically: true, encoding: .utf8)
        let third = try Self.run(["render", "book.md", "--output", "shard-3", "--shard", "3/3", "--quiet"], in: folder)
        #expect(third.status == 0, "\(third.stderr)")
        let stale = try Self.run(
            ["assemble", "book.md", "--from", "shard-1", "shard-2", "shard-3", "--output", "out"], in: folder)
        #expect(stale.status != 0)
        #expect(
            stale.stderr.contains("scene 1 (scene-001.wav) was rendered from other text or voices than these"),
            "\(stale.stderr)")
    }

    /// The container arguments of a Job manifest, the container's paths put in place.
    static func containerArguments(
        _ file: String, folder: URL, output: String
    ) throws -> (job: [String: Any], args: [String]) {
        let text = try String(
            contentsOf: CommandRunner.packageRoot.appendingPathComponent("deploy/kubernetes/\(file)"), encoding: .utf8)
        let job = try #require(try Yams.load(yaml: text) as? [String: Any], "\(file) is a YAML mapping")
        #expect(job["apiVersion"] as? String == "batch/v1" && job["kind"] as? String == "Job", "\(file)")
        let spec = try #require(job["spec"] as? [String: Any])
        let template = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        let container = try #require((template["containers"] as? [[String: Any]])?.first)
        #expect(container["image"] as? String == "audiobook:latest")
        let mounts = try #require(container["volumeMounts"] as? [[String: Any]]).compactMap {
            $0["mountPath"] as? String
        }
        #expect(Set(mounts) == ["/books", "/renders"])
        let args = try #require(container["args"] as? [String]).map { argument in
            switch argument {
            case "/books/book.md": folder.appendingPathComponent("book.md").path
            case "/renders": folder.appendingPathComponent(output).path
            case "/opt/audiobook/Voices": CommandRunner.packageRoot.appendingPathComponent("Voices").path
            default: argument
            }
        }
        return (spec, args)
    }

    @Test(
        "the Kubernetes Indexed Job and the Slurm array as the repository ships them: their commands, run as each engine would (by index), then assemble, give one render's bytes"
    )
    func documentedEngines() throws {
        let folder = try Self.book()
        defer { try? FileManager.default.removeItem(at: folder) }
        let voices = CommandRunner.packageRoot.appendingPathComponent("Voices").path
        let plain = try Self.run(["render", "book.md", "--voices", voices, "--output", "plain", "--m4b"], in: folder)
        #expect(plain.status == 0, "\(plain.stderr)")

        // Kubernetes: one pod per completion index, then the assemble Job.
        let (render, renderArgs) = try Self.containerArguments("render-job.yaml", folder: folder, output: "k8s")
        #expect(render["completionMode"] as? String == "Indexed")
        let completions = try #require(render["completions"] as? Int)
        #expect(renderArgs.contains("auto/\(completions)"), "completions must equal N of --shard auto/N: \(renderArgs)")
        for index in 0..<completions {
            let pod = try Self.run(renderArgs, in: folder, environment: ["JOB_COMPLETION_INDEX": "\(index)"])
            #expect(pod.status == 0, "pod \(index): \(pod.stderr)")
        }
        let (_, assembleArgs) = try Self.containerArguments("assemble-job.yaml", folder: folder, output: "k8s")
        let assemble = try Self.run(assembleArgs, in: folder)
        #expect(assemble.status == 0, "\(assemble.stderr)")
        try Self.expectSame(folder, "plain", "k8s")

        // Slurm: the array's tasks (0-based, as `--array=0-3` gives them), then the assemble script.
        let script = CommandRunner.packageRoot.appendingPathComponent("deploy/slurm/render.sbatch")
        let text = try String(contentsOf: script, encoding: .utf8)
        let array = try #require(
            text.components(separatedBy: "#SBATCH --array=0-").dropFirst().first?.prefix { $0.isNumber })
        let tasks = try #require(Int(array)) + 1
        let path =
            CommandRunner.binary.deletingLastPathComponent().path + ":"
            + (ProcessInfo.processInfo.environment["PATH"] ?? "")
        for task in 0..<tasks {
            let run = try Self.run(
                ["/bin/bash", script.path, "book.md", "slurm", voices], in: folder,
                environment: ["SLURM_ARRAY_TASK_ID": "\(task)", "SLURM_ARRAY_TASK_COUNT": "\(tasks)", "PATH": path],
                program: true)
            #expect(run.status == 0, "task \(task): \(run.stderr)")
        }
        let assembled = try Self.run(
            [
                "/bin/bash", CommandRunner.packageRoot.appendingPathComponent("deploy/slurm/assemble.sbatch").path,
                "book.md",
                "slurm", voices,
            ], in: folder, environment: ["PATH": path], program: true)
        #expect(assembled.status == 0, "\(assembled.stderr)")
        try Self.expectSame(folder, "plain", "slurm")
    }
}

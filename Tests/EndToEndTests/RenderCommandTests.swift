import Foundation
import Testing

/// End-to-end renders through the real espeak-ng (and sox, to read the WAV headers back).
@Suite("audiobook render and preview with espeak-ng, end to end", .serialized)
struct RenderCommandTests {
    struct CueEntry: Decodable, Equatable {
        var scene: Int, file: String, line: Int, speaker: String, profile: String, kind: String
        var start: Double, end: Double, text: String, sourceStart: Int, sourceEnd: Int

        enum CodingKeys: String, CodingKey {
            case scene, file, line, speaker, profile, kind, start, end, text
            case sourceStart = "source_start"
            case sourceEnd = "source_end"
        }
    }

    struct Cues: Decodable {
        var format: String, version: Int, sampleRate: Int, cues: [CueEntry]

        enum CodingKeys: String, CodingKey {
            case format, version, cues
            case sampleRate = "sample_rate"
        }
    }

    static let voices = """
        voice: en-gb
        variant: m3
        rate: 165
        pitch: 45
        """

    /// A temporary folder with a voices folder holding a narrator and a Juno profile.
    func workspace(junoPitch: Int = 60) throws -> URL {
        let folder = try CommandRunner.temporaryDirectory()
        let voices = folder.appendingPathComponent("voices")
        try FileManager.default.createDirectory(at: voices, withIntermediateDirectories: true)
        try Self.voices.write(to: voices.appendingPathComponent("narrator.yaml"), atomically: true, encoding: .utf8)
        try setJunoPitch(junoPitch, in: folder)
        return folder
    }

    func setJunoPitch(_ pitch: Int, in folder: URL) throws {
        try "voice: en-us\nvariant: f3\nrate: 175\npitch: \(pitch)\n".write(
            to: folder.appendingPathComponent("voices/Juno.yaml"), atomically: true, encoding: .utf8)
    }

    func render(
        _ manuscript: String, in folder: URL, output: String = "out", extra: [String] = []
    ) throws -> CommandResult {
        try CommandRunner.run(
            [
                "render", manuscript, "--voices", folder.appendingPathComponent("voices").path,
                "--output", folder.appendingPathComponent(output).path, "--quiet",
            ] + extra)
    }

    func sox(_ arguments: [String]) throws -> String {
        let result = try CommandRunner.run(program: "sox", arguments)
        return result.stdout + result.stderr
    }

    @Test("platform-nine renders two 22050 Hz 16-bit mono WAVs, cues in script order, a cue sheet listing both")
    func platformNine() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try render(ScriptCommandTests.platformNine, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let book = folder.appendingPathComponent("out/platform-nine")
        let files = try FileManager.default.contentsOfDirectory(atPath: book.path).sorted()
        #expect(
            files == [
                ".audiobook", "cues.json", "platform-nine.cue", "platform-nine.vtt", "scene-001.wav", "scene-002.wav",
            ])
        var lengths: [String: Double] = [:]
        for file in ["scene-001.wav", "scene-002.wav"] {
            let info = try sox(["--i", book.appendingPathComponent(file).path])
            #expect(info.contains("Sample Rate    : 22050"))
            #expect(info.contains("Precision      : 16-bit"))
            #expect(info.contains("Channels       : 1"))
            lengths[file] = Double(
                try sox(["--i", "-D", book.appendingPathComponent(file).path]).trimmingCharacters(
                    in: .whitespacesAndNewlines))
        }
        let cues = try JSONDecoder().decode(Cues.self, from: Data(contentsOf: book.appendingPathComponent("cues.json")))
        #expect(cues.format == "audiobook-cues" && cues.version == 1 && cues.sampleRate == 22050)
        // One cue per spoken line of the script, in order, with the script's speakers.
        let script = try CommandRunner.run(["script", ScriptCommandTests.platformNine, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(script.stdout.utf8)) as? [String: Any])
        let lines = ((object["scenes"] as? [[String: Any]]) ?? []).flatMap { ($0["lines"] as? [[String: Any]]) ?? [] }
        #expect(cues.cues.map(\.text) == lines.map { $0["text"] as? String ?? "" })
        #expect(cues.cues.map(\.speaker) == lines.map { $0["speaker"] as? String ?? "" })
        #expect(cues.cues.map(\.sourceStart) == lines.map { $0["start"] as? Int ?? -1 })
        for scene in [1, 2] {
            let inScene = cues.cues.filter { $0.scene == scene }
            #expect(inScene.map(\.line) == Array(1...inScene.count))
            for (previous, cue) in zip(inScene, inScene.dropFirst()) { #expect(previous.end <= cue.start) }
            let length = try #require(lengths[String(format: "scene-%03d.wav", scene)])
            #expect(inScene.allSatisfy { $0.start < $0.end && $0.end <= length })
        }
        let sheet = try String(contentsOf: book.appendingPathComponent("platform-nine.cue"), encoding: .utf8)
        #expect(sheet.contains("FILE \"scene-001.wav\" WAVE\n  TRACK 01 AUDIO"))
        #expect(sheet.contains("FILE \"scene-002.wav\" WAVE\n  TRACK 02 AUDIO"))
        let vtt = try String(contentsOf: book.appendingPathComponent("platform-nine.vtt"), encoding: .utf8)
        #expect(vtt.hasPrefix("WEBVTT\n"))
        #expect(vtt.contains("<v Juno>Table six wants to marry you, Rowan!</v>"))
    }

    @Test("tuning with espeak-ng: Juno's pitch changes her cues only; unchanged renders and previews are identical")
    func tuning() throws {
        let folder = try workspace(junoPitch: 60)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try render(ScriptCommandTests.platformNine, in: folder, output: "a").status == 0)
        #expect(
            try render(ScriptCommandTests.platformNine, in: folder, output: "b", extra: ["--jobs", "1"]).status == 0)
        try setJunoPitch(85, in: folder)
        #expect(try render(ScriptCommandTests.platformNine, in: folder, output: "c").status == 0)
        let preview = folder.appendingPathComponent("preview.wav")
        let previewResult = try CommandRunner.run([
            "preview", ScriptCommandTests.platformNine, "--scene", "2", "--voices",
            folder.appendingPathComponent("voices").path, "--output", preview.path,
        ])
        #expect(previewResult.status == 0, "\(previewResult.stderr)")
        func data(_ run: String, _ file: String) throws -> Data {
            try Data(contentsOf: folder.appendingPathComponent("\(run)/platform-nine/\(file)"))
        }
        for file in ["scene-001.wav", "scene-002.wav", "cues.json", "platform-nine.cue", "platform-nine.vtt"] {
            #expect(
                try CommandRunner.difference(data("a", file), data("b", file)) == nil,
                "\(file) differs between two identical renders")
        }
        #expect(
            try CommandRunner.difference(data("a", "scene-001.wav"), data("c", "scene-001.wav")) == nil,
            "Juno does not speak in scene 1")
        #expect(try data("a", "scene-002.wav") != data("c", "scene-002.wav"))
        #expect(try CommandRunner.difference(Data(contentsOf: preview), data("c", "scene-002.wav")) == nil)
        // The samples inside each of Juno's cues differ.
        let cues = try JSONDecoder().decode(Cues.self, from: data("a", "cues.json")).cues.filter {
            $0.speaker == "Juno"
        }
        #expect(cues.count == 4)
        let before = try data("a", "scene-002.wav")
        let after = try data("c", "scene-002.wav")
        for cue in cues {
            let range = (44 + Int(cue.start * 22050) * 2)..<(44 + Int(cue.end * 22050) * 2)
            #expect(before[range] != after[range.clamped(to: 0..<after.count)])
        }
    }

    @Test(
        "cache with espeak-ng: only units with a changed voice are spoken again; output is identical whatever --jobs and cache"
    )
    func cache() throws {
        let folder = try workspace(junoPitch: 60)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(
            try render(
                ScriptCommandTests.platformNine, in: folder, output: "fresh", extra: ["--jobs", "1", "--no-cache"]
            ).status == 0)
        #expect(
            try render(ScriptCommandTests.platformNine, in: folder, output: "cached", extra: ["--jobs", "2"]).status
                == 0)
        let scene1 = folder.appendingPathComponent("cached/platform-nine/scene-001.wav")
        let firstStat = try FileManager.default.attributesOfItem(atPath: scene1.path)[.modificationDate] as? Date
        // Change Juno, render, change her back, render: the cache is used at every step.
        try setJunoPitch(85, in: folder)
        let changed = try CommandRunner.run([
            "render", ScriptCommandTests.platformNine, "--voices", folder.appendingPathComponent("voices").path,
            "--output", folder.appendingPathComponent("cached").path,
        ])
        #expect(changed.status == 0)
        #expect(
            changed.stdout.contains(
                "speech units (runs of whole paragraphs): 1 spoken, 1 reused from the earlier render; 1 scene unchanged"
            ), "\(changed.stdout)")
        #expect(
            try FileManager.default.attributesOfItem(atPath: scene1.path)[.modificationDate] as? Date == firstStat,
            "scene 1 was rewritten")
        try setJunoPitch(60, in: folder)
        let back = try CommandRunner.run([
            "render", ScriptCommandTests.platformNine, "--voices", folder.appendingPathComponent("voices").path,
            "--output", folder.appendingPathComponent("cached").path,
        ])
        #expect(
            back.stdout.contains(
                "speech units (runs of whole paragraphs): 1 spoken, 1 reused from the earlier render; 1 scene unchanged"
            ), "\(back.stdout)")
        let unchanged = try CommandRunner.run([
            "render", ScriptCommandTests.platformNine, "--voices", folder.appendingPathComponent("voices").path,
            "--output", folder.appendingPathComponent("cached").path,
        ])
        #expect(
            unchanged.stdout.contains(
                "speech units (runs of whole paragraphs): 0 spoken, 0 reused from the earlier render; 2 scenes unchanged"
            ), "\(unchanged.stdout)")
        for file in ["scene-001.wav", "scene-002.wav", "cues.json", "platform-nine.cue", "platform-nine.vtt"] {
            let fresh = try Data(contentsOf: folder.appendingPathComponent("fresh/platform-nine/\(file)"))
            let cached = try Data(contentsOf: folder.appendingPathComponent("cached/platform-nine/\(file)"))
            #expect(fresh == cached, "\(file) differs between --jobs 1 --no-cache and a cached --jobs 2 render")
        }
    }

    @Test("a line that crashes espeak-ng is reported with its scene and line; the render goes on")
    func crashingLine() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text =
            "\"Hello,\" said Juno.\n\n\"\(String(repeating: "s'", count: 100))\" said Juno.\n\n\"Goodbye,\" said Juno.\n"
        try text.write(to: folder.appendingPathComponent("crash.txt"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            ["render", "crash.txt", "--voices", "voices", "--output", "out", "--quiet"], in: folder)
        #expect(result.status == 0)
        let warning =
            "crash.txt:3: warning: scene 1: espeak-ng crashed on this line (signal 6); the line is silent in the audio, and the next render speaks it again\n"
        #expect(result.stderr == warning)
        // The failed unit was not cached as good: the next render speaks it again (and says so again).
        let again = try CommandRunner.run(["render", "crash.txt", "--voices", "voices", "--output", "out"], in: folder)
        #expect(again.stderr.contains(warning), "\(again.stderr)")
        #expect(again.stdout.contains("1 spoken"), "\(again.stdout)")
        #expect(again.stdout.contains("0 scenes unchanged"), "\(again.stdout)")
        let cues = try JSONDecoder().decode(
            Cues.self, from: Data(contentsOf: folder.appendingPathComponent("out/crash/cues.json"))
        ).cues
        #expect(cues.map(\.text).last == "said Juno.")
        #expect(cues.count == 6)
    }

    @Test("a bad voice profile stops before any audio is written")
    func badProfile() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "voice: en-us\nvariant: f9\n".write(
            to: folder.appendingPathComponent("voices/Juno.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            ["render", ScriptCommandTests.platformNine, "--voices", "voices", "--output", "out"], in: folder)
        #expect(result.status != 0)
        #expect(
            result.stderr
                == "voices/Juno.yaml:2:10: error: unknown espeak-ng variant 'f9' (closest installed: f1, f2, f3)\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    @Test("cast lists speakers and voices; --write creates missing profiles and never overwrites")
    func castCommand() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let listing = try CommandRunner.run(
            ["cast", ScriptCommandTests.platformNine, "--voices", "voices"], in: folder)
        #expect(listing.status == 0)
        #expect(
            listing.stdout.contains(
                "Juno          4  voices/Juno.yaml (named like the speaker): en-us+f3 rate 175 pitch 60"))
        #expect(listing.stdout.contains("Rowan         6  automatic (no Rowan.yaml in voices): "))
        let written = try CommandRunner.run(
            ["cast", ScriptCommandTests.platformNine, "--voices", "voices", "--write"], in: folder)
        #expect(written.status == 0)
        #expect(written.stdout.contains("wrote voices/Rowan.yaml"))
        #expect(!written.stdout.contains("wrote voices/Juno.yaml"))
        #expect(
            try String(contentsOf: folder.appendingPathComponent("voices/Juno.yaml"), encoding: .utf8).contains(
                "pitch: 60"))
        let again = try CommandRunner.run(["cast", ScriptCommandTests.platformNine, "--voices", "voices"], in: folder)
        #expect(again.stdout.contains("Rowan         6  voices/Rowan.yaml (named like the speaker): "))
    }

    @Test("voices lists installed voices and variants, without MBROLA")
    func voicesCommand() throws {
        let result = try CommandRunner.run(["voices"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("  en-us "))
        #expect(result.stdout.contains("  f3 "))
        #expect(!result.stdout.contains("mb/"))
    }

    @Test("preview --play without any player says so and where the WAV is")
    func noPlayer() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(
            executable: CommandRunner.binary,
            [
                "preview", ScriptCommandTests.platformNine, "--scene", "1", "--voices", "voices", "--output", "p.wav",
                "--play",
            ],
            in: folder, environment: ["PATH": folder.path])
        #expect(result.status != 0)
        #expect(
            result.stderr
                == "error: no audio player found (tried paplay, aplay, ffplay); the scene was written to \(folder.appendingPathComponent("p.wav").path)\n"
        )
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("p.wav").path))
    }

    @Test("preview of a scene that does not exist")
    func noSuchScene() throws {
        let result = try CommandRunner.run(["preview", ScriptCommandTests.platformNine, "--scene", "3"])
        #expect(result.status != 0)
        #expect(result.stderr == "error: there is no scene 3: the manuscript has 2 scenes (1–2)\n")
    }
}

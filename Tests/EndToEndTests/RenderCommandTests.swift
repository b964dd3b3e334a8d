import Foundation
import Testing

/// End-to-end renders through the real espeak-ng (and sox, to read the WAV headers back).
@Suite("audiobook render and preview with espeak-ng, end to end", .serialized)
struct RenderCommandTests {
    struct CueEntry: Decodable, Equatable {
        var scene: Int, file: String, line: Int, speaker: String, profile: String, kind: String
        var start: Double, end: Double, text: String, source_start: Int, source_end: Int
    }

    struct Cues: Decodable {
        var format: String, version: Int, sample_rate: Int, cues: [CueEntry]
    }

    static let voices = """
        voice: en-gb
        variant: m3
        rate: 165
        pitch: 45
        """

    /// A temporary folder with a voices folder holding a narrator and a Tessa profile.
    func workspace(tessaPitch: Int = 60) throws -> URL {
        let folder = try CommandRunner.temporaryDirectory()
        let voices = folder.appendingPathComponent("voices")
        try FileManager.default.createDirectory(at: voices, withIntermediateDirectories: true)
        try Self.voices.write(to: voices.appendingPathComponent("narrator.yaml"), atomically: true, encoding: .utf8)
        try setTessaPitch(tessaPitch, in: folder)
        return folder
    }

    func setTessaPitch(_ pitch: Int, in folder: URL) throws {
        try "voice: en-us\nvariant: f3\nrate: 175\npitch: \(pitch)\n".write(to: folder.appendingPathComponent("voices/Tessa.yaml"), atomically: true, encoding: .utf8)
    }

    func render(_ manuscript: String, in folder: URL, output: String = "out", extra: [String] = []) throws -> CommandResult {
        try CommandRunner.run(["render", manuscript, "--voices", folder.appendingPathComponent("voices").path,
                               "--output", folder.appendingPathComponent(output).path, "--quiet"] + extra)
    }

    func sox(_ arguments: [String]) throws -> String {
        let result = try CommandRunner.run(program: "sox", arguments)
        return result.stdout + result.stderr
    }

    @Test("sasha-and-tessa renders two 22050 Hz 16-bit mono WAVs, cues in script order, a cue sheet listing both")
    func sashaAndTessa() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try render(ScriptCommandTests.sashaAndTessa, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let book = folder.appendingPathComponent("out/sasha-and-tessa")
        let files = try FileManager.default.contentsOfDirectory(atPath: book.path).sorted()
        #expect(files == [".audiobook", "cues.json", "sasha-and-tessa.cue", "sasha-and-tessa.vtt", "scene-001.wav", "scene-002.wav"])
        var lengths: [String: Double] = [:]
        for file in ["scene-001.wav", "scene-002.wav"] {
            let info = try sox(["--i", book.appendingPathComponent(file).path])
            #expect(info.contains("Sample Rate    : 22050"))
            #expect(info.contains("Precision      : 16-bit"))
            #expect(info.contains("Channels       : 1"))
            lengths[file] = Double(try sox(["--i", "-D", book.appendingPathComponent(file).path]).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let cues = try JSONDecoder().decode(Cues.self, from: Data(contentsOf: book.appendingPathComponent("cues.json")))
        #expect(cues.format == "audiobook-cues" && cues.version == 1 && cues.sample_rate == 22050)
        // One cue per spoken line of the script, in order, with the script's speakers.
        let script = try CommandRunner.run(["script", ScriptCommandTests.sashaAndTessa, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(script.stdout.utf8)) as? [String: Any])
        let lines = ((object["scenes"] as? [[String: Any]]) ?? []).flatMap { ($0["lines"] as? [[String: Any]]) ?? [] }
        #expect(cues.cues.map(\.text) == lines.map { $0["text"] as? String ?? "" })
        #expect(cues.cues.map(\.speaker) == lines.map { $0["speaker"] as? String ?? "" })
        #expect(cues.cues.map(\.source_start) == lines.map { $0["start"] as? Int ?? -1 })
        for scene in [1, 2] {
            let inScene = cues.cues.filter { $0.scene == scene }
            #expect(inScene.map(\.line) == Array(1...inScene.count))
            for (previous, cue) in zip(inScene, inScene.dropFirst()) { #expect(previous.end <= cue.start) }
            let length = try #require(lengths[String(format: "scene-%03d.wav", scene)])
            #expect(inScene.allSatisfy { $0.start < $0.end && $0.end <= length })
        }
        let sheet = try String(contentsOf: book.appendingPathComponent("sasha-and-tessa.cue"), encoding: .utf8)
        #expect(sheet.contains("FILE \"scene-001.wav\" WAVE\n  TRACK 01 AUDIO"))
        #expect(sheet.contains("FILE \"scene-002.wav\" WAVE\n  TRACK 02 AUDIO"))
        let vtt = try String(contentsOf: book.appendingPathComponent("sasha-and-tessa.vtt"), encoding: .utf8)
        #expect(vtt.hasPrefix("WEBVTT\n"))
        #expect(vtt.contains("<v Tessa>Amazing performance, Sasha!</v>"))
    }

    @Test("tuning with espeak-ng: Tessa's pitch changes her cues only; unchanged renders and previews are identical")
    func tuning() throws {
        let folder = try workspace(tessaPitch: 60)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try render(ScriptCommandTests.sashaAndTessa, in: folder, output: "a").status == 0)
        #expect(try render(ScriptCommandTests.sashaAndTessa, in: folder, output: "b", extra: ["--jobs", "1"]).status == 0)
        try setTessaPitch(85, in: folder)
        #expect(try render(ScriptCommandTests.sashaAndTessa, in: folder, output: "c").status == 0)
        let preview = folder.appendingPathComponent("preview.wav")
        let previewResult = try CommandRunner.run(["preview", ScriptCommandTests.sashaAndTessa, "--scene", "2", "--voices",
                                                   folder.appendingPathComponent("voices").path, "--output", preview.path])
        #expect(previewResult.status == 0, "\(previewResult.stderr)")
        func data(_ run: String, _ file: String) throws -> Data {
            try Data(contentsOf: folder.appendingPathComponent("\(run)/sasha-and-tessa/\(file)"))
        }
        for file in ["scene-001.wav", "scene-002.wav", "cues.json", "sasha-and-tessa.cue", "sasha-and-tessa.vtt"] {
            #expect(try data("a", file) == data("b", file), "\(file) differs between two identical renders")
        }
        #expect(try data("a", "scene-001.wav") == data("c", "scene-001.wav"), "Tessa does not speak in scene 1")
        #expect(try data("a", "scene-002.wav") != data("c", "scene-002.wav"))
        #expect(try Data(contentsOf: preview) == data("c", "scene-002.wav"))
        // The samples inside each of Tessa's cues differ.
        let cues = try JSONDecoder().decode(Cues.self, from: data("a", "cues.json")).cues.filter { $0.speaker == "Tessa" }
        #expect(cues.count == 2)
        let before = try data("a", "scene-002.wav"), after = try data("c", "scene-002.wav")
        for cue in cues {
            let range = (44 + Int(cue.start * 22050) * 2)..<(44 + Int(cue.end * 22050) * 2)
            #expect(before[range] != after[range.clamped(to: 0..<after.count)])
        }
    }

    @Test("cache with espeak-ng: only units with a changed voice are spoken again; output is identical whatever --jobs and cache")
    func cache() throws {
        let folder = try workspace(tessaPitch: 60)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try render(ScriptCommandTests.sashaAndTessa, in: folder, output: "fresh", extra: ["--jobs", "1", "--no-cache"]).status == 0)
        #expect(try render(ScriptCommandTests.sashaAndTessa, in: folder, output: "cached", extra: ["--jobs", "2"]).status == 0)
        let scene1 = folder.appendingPathComponent("cached/sasha-and-tessa/scene-001.wav")
        let firstStat = try FileManager.default.attributesOfItem(atPath: scene1.path)[.modificationDate] as? Date
        // Change Tessa, render, change her back, render: the cache is used at every step.
        try setTessaPitch(85, in: folder)
        let changed = try CommandRunner.run(["render", ScriptCommandTests.sashaAndTessa, "--voices", folder.appendingPathComponent("voices").path,
                                             "--output", folder.appendingPathComponent("cached").path])
        #expect(changed.status == 0)
        #expect(changed.stdout.contains("speech units (runs of whole paragraphs): 1 spoken, 2 reused from the earlier render; 1 scene unchanged"), "\(changed.stdout)")
        #expect(try FileManager.default.attributesOfItem(atPath: scene1.path)[.modificationDate] as? Date == firstStat, "scene 1 was rewritten")
        try setTessaPitch(60, in: folder)
        let back = try CommandRunner.run(["render", ScriptCommandTests.sashaAndTessa, "--voices", folder.appendingPathComponent("voices").path,
                                          "--output", folder.appendingPathComponent("cached").path])
        #expect(back.stdout.contains("speech units (runs of whole paragraphs): 1 spoken, 2 reused from the earlier render; 1 scene unchanged"), "\(back.stdout)")
        let unchanged = try CommandRunner.run(["render", ScriptCommandTests.sashaAndTessa, "--voices", folder.appendingPathComponent("voices").path,
                                               "--output", folder.appendingPathComponent("cached").path])
        #expect(unchanged.stdout.contains("speech units (runs of whole paragraphs): 0 spoken, 0 reused from the earlier render; 2 scenes unchanged"), "\(unchanged.stdout)")
        for file in ["scene-001.wav", "scene-002.wav", "cues.json", "sasha-and-tessa.cue", "sasha-and-tessa.vtt"] {
            let fresh = try Data(contentsOf: folder.appendingPathComponent("fresh/sasha-and-tessa/\(file)"))
            let cached = try Data(contentsOf: folder.appendingPathComponent("cached/sasha-and-tessa/\(file)"))
            #expect(fresh == cached, "\(file) differs between --jobs 1 --no-cache and a cached --jobs 2 render")
        }
    }

    @Test("a line that crashes espeak-ng is reported with its scene and line; the render goes on")
    func crashingLine() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "\"Hello,\" said Tessa.\n\n\"\(String(repeating: "s'", count: 100))\" said Tessa.\n\n\"Goodbye,\" said Tessa.\n"
        try text.write(to: folder.appendingPathComponent("crash.txt"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["render", "crash.txt", "--voices", "voices", "--output", "out", "--quiet"], in: folder)
        #expect(result.status == 0)
        #expect(result.stderr == "crash.txt:3: warning: scene 1: espeak-ng crashed on this line (signal 6); the line is silent in the audio\n")
        let cues = try JSONDecoder().decode(Cues.self, from: Data(contentsOf: folder.appendingPathComponent("out/crash/cues.json"))).cues
        #expect(cues.map(\.text).last == "said Tessa.")
        #expect(cues.count == 6)
    }

    @Test("a bad voice profile stops before any audio is written")
    func badProfile() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "voice: en-us\nvariant: f9\n".write(to: folder.appendingPathComponent("voices/Tessa.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["render", ScriptCommandTests.sashaAndTessa, "--voices", "voices", "--output", "out"], in: folder)
        #expect(result.status != 0)
        #expect(result.stderr == "voices/Tessa.yaml:2:10: error: unknown espeak-ng variant 'f9' (closest installed: f1, f2, f3)\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    @Test("cast lists speakers and voices; --write creates missing profiles and never overwrites")
    func castCommand() throws {
        let folder = try workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let listing = try CommandRunner.run(["cast", ScriptCommandTests.sashaAndTessa, "--voices", "voices"], in: folder)
        #expect(listing.status == 0)
        #expect(listing.stdout.contains("Tessa         2  voices/Tessa.yaml: en-us+f3 rate 175 pitch 60"))
        #expect(listing.stdout.contains("Sasha         8  automatic: "))
        let written = try CommandRunner.run(["cast", ScriptCommandTests.sashaAndTessa, "--voices", "voices", "--write"], in: folder)
        #expect(written.status == 0)
        #expect(written.stdout.contains("wrote voices/Sasha.yaml"))
        #expect(!written.stdout.contains("wrote voices/Tessa.yaml"))
        #expect(try String(contentsOf: folder.appendingPathComponent("voices/Tessa.yaml"), encoding: .utf8).contains("pitch: 60"))
        let again = try CommandRunner.run(["cast", ScriptCommandTests.sashaAndTessa, "--voices", "voices"], in: folder)
        #expect(again.stdout.contains("Sasha         8  voices/Sasha.yaml: "))
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
        let result = try CommandRunner.run(executable: CommandRunner.binary,
                                           ["preview", ScriptCommandTests.sashaAndTessa, "--scene", "1", "--voices", "voices", "--output", "p.wav", "--play"],
                                           in: folder, environment: ["PATH": folder.path])
        #expect(result.status != 0)
        #expect(result.stderr == "error: no audio player found (tried paplay, aplay, ffplay); the scene was written to \(folder.appendingPathComponent("p.wav").path)\n")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("p.wav").path))
    }

    @Test("preview of a scene that does not exist")
    func noSuchScene() throws {
        let result = try CommandRunner.run(["preview", ScriptCommandTests.sashaAndTessa, "--scene", "3"])
        #expect(result.status != 0)
        #expect(result.stderr == "error: there is no scene 3: the manuscript has 2 scenes (1–2)\n")
    }
}

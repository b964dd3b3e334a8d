import AudiobookCore
import Foundation
import Testing

/// The script as an editable source: round trips, edited renders, --keep.
@Suite("Editing the script, end to end", .serialized)
struct ScriptEditingTests {
    /// The manuscripts of the repository: the example and the test fixtures.
    static let manuscripts = [
        CommandRunner.packageRoot.appendingPathComponent("Examples/lighthouse.md").path,
        CommandRunner.fixture("platform-nine.txt").path,
        CommandRunner.fixture("three-chapters.md").path,
    ]

    @Test(
        "round trip: the text form parses to the same lines, speakers, kinds and offsets as the JSON form",
        arguments: manuscripts)
    func roundTrip(_ manuscript: String) throws {
        try Self.checkRoundTrip(manuscript)
    }

    /// The text form of a manuscript's script parses to the same lines as its JSON form.
    static func checkRoundTrip(_ manuscript: String) throws {
        let text = try CommandRunner.run(["script", manuscript])
        let json = try CommandRunner.run(["script", manuscript, "--format", "json"])
        #expect(text.status == 0 && json.status == 0)
        let parsed = try ScriptTextParser.parse(text.stdout, path: "book.script")
        let expected = try ScriptJSON.decode(Data(json.stdout.utf8))
        let a = parsed.scenes.flatMap(\.lines)
        let b = expected.scenes.flatMap(\.lines)
        #expect(a.count == b.count)
        #expect(a.map(\.speaker) == b.map(\.speaker))
        #expect(a.map(\.kind) == b.map(\.kind))
        #expect(a.map(\.start) == b.map(\.start))
        #expect(a.map(\.end) == b.map(\.end))
        #expect(a.map(\.text) == b.map(\.text))
        #expect(parsed.scenes.map(\.index) == expected.scenes.map(\.index))
    }

    @Test(
        "with espeak-ng: editing one speaker changes that line's voice alone, and nothing in the other scene; the edited script renders into its book's folder, reusing its audio"
    )
    func editedSpeaker() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("voices"), withIntermediateDirectories: true)
        try "voice: en-gb\nvariant: m3\n".write(
            to: folder.appendingPathComponent("voices/narrator.yaml"), atomically: true, encoding: .utf8)
        try "voice: en-us\nvariant: f3\npitch: 60\n".write(
            to: folder.appendingPathComponent("voices/Juno.yaml"), atomically: true, encoding: .utf8)
        let script = try CommandRunner.run(["script", ScriptCommandTests.platformNine])
        try script.stdout.write(to: folder.appendingPathComponent("book.script"), atomically: true, encoding: .utf8)
        let marker = "Juno > \"They licked the plates clean.\""
        #expect(script.stdout.contains(marker))
        try script.stdout.replacingOccurrences(of: marker, with: "Rowan > \"They licked the plates clean.\"")
            .write(to: folder.appendingPathComponent("edited.script"), atomically: true, encoding: .utf8)
        // Both scripts name the same manuscript: they render into its folder, out/platform-nine/.
        let first = try CommandRunner.run(
            ["render", "book.script", "--voices", "voices", "--output", "out", "--quiet"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        try FileManager.default.copyItem(
            at: folder.appendingPathComponent("out/platform-nine"), to: folder.appendingPathComponent("out/book"))
        let second = try CommandRunner.run(
            ["render", "edited.script", "--voices", "voices", "--output", "out"], in: folder)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("out/platform-nine/"), "\(second.stdout)")
        #expect(second.stdout.contains("1 scene unchanged"), "\(second.stdout)")
        #expect(!second.stdout.contains(" 0 reused"), "\(second.stdout)")
        try FileManager.default.moveItem(
            at: folder.appendingPathComponent("out/platform-nine"), to: folder.appendingPathComponent("out/edited"))
        func cues(_ name: String) throws -> [CuesFile.Cue] {
            try CuesFile.cues(in: folder.appendingPathComponent("out/\(name)"))
        }
        let before = try cues("book")
        let after = try cues("edited")
        #expect(before.count == after.count)
        let changed = zip(before, after).filter { $0.0.profile != $0.1.profile || $0.0.speaker != $0.1.speaker }
        #expect(changed.count == 1)
        #expect(changed.first?.1.text == "They licked the plates clean.")
        #expect(changed.first?.0.profile == "Juno")
        #expect(changed.first?.1.speaker == "Rowan")
        let scene1Before = try Data(contentsOf: folder.appendingPathComponent("out/book/scene-001.wav"))
        let scene1After = try Data(contentsOf: folder.appendingPathComponent("out/edited/scene-001.wav"))
        #expect(CommandRunner.difference(scene1Before, scene1After) == nil)
        let scene2Before = try Data(contentsOf: folder.appendingPathComponent("out/book/scene-002.wav"))
        let scene2After = try Data(contentsOf: folder.appendingPathComponent("out/edited/scene-002.wav"))
        let cue = try #require(changed.first?.1)
        let range = (44 + Int(cue.start * 22050) * 2)..<(44 + Int(cue.end * 22050) * 2)
        #expect(scene2Before[range.clamped(to: 0..<scene2Before.count)] != scene2After[range])
    }

    @Test("--keep keeps every manual correction on unchanged lines after a paragraph is inserted")
    func keep() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOfFile: ScriptCommandTests.platformNine, encoding: .utf8)
        try original.write(to: folder.appendingPathComponent("book.txt"), atomically: true, encoding: .utf8)
        let script = try CommandRunner.run(["script", "book.txt"], in: folder).stdout
        // Corrections: the unnamed narrator of scene 1 is Theo; one of Juno's lines is given to Rowan.
        var edited = script
        for line in ["\"I'm glad you came,\"", "\"I meant every word,\"", "\"I'll try,\""] {
            edited = edited.replacingOccurrences(of: "narrator > \(line)", with: "    Theo > \(line)")
        }
        edited = edited.replacingOccurrences(of: " Juno > \"They licked", with: "Rowan > \"They licked")
        try edited.write(to: folder.appendingPathComponent("book.script"), atomically: true, encoding: .utf8)
        // The manuscript changes: a paragraph is inserted near the start.
        let inserted = original.replacingOccurrences(
            of: "I hear my name, or something like it",
            with: "\"Wait!\" shouts a guard by the gate.\n\nI hear my name, or something like it")
        try inserted.write(to: folder.appendingPathComponent("book.txt"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["script", "book.txt", "--keep", "book.script"], in: folder)
        #expect(result.status == 0)
        #expect(result.stderr.contains("kept 4 speaker corrections from book.script"))
        let kept = try ScriptTextParser.parse(result.stdout, path: "new.script")
        func speaker(_ text: String) -> String? { kept.dialogue.first { $0.text == text }?.speaker }
        #expect(speaker("I'm glad you came,") == "Theo")
        #expect(speaker("I meant every word,") == "Theo")
        #expect(speaker("I'll try,") == "Theo")
        #expect(speaker("They licked the plates clean.") == "Rowan")
        #expect(speaker("Wait!") != nil)
        // Rendering the script after the manuscript changed says so, and still renders.
        let render = try CommandRunner.run(["cast", "book.script"], in: folder)
        #expect(render.status == 0)
        #expect(render.stderr.contains("book.script: warning: book.txt has changed since this script was made"))
    }

    @Test("a malformed script is an error naming its line")
    func malformed() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# audiobook script 1\n# source: book.txt\n\n== Scene 1 ==\n\nTessa says hi\n".write(
            to: folder.appendingPathComponent("bad.script"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["render", "bad.script", "--output", "out"], in: folder)
        #expect(result.status != 0)
        #expect(
            result.stderr
                == "bad.script:6: error: expected 'SPEAKER > \"words\"', an indented narration line or an indented '# heading'\n"
        )
    }
}

import Foundation
import Testing

@Suite("audiobook script, end to end")
struct ScriptCommandTests {
    /// A two-scene first-person fixture: an unnamed narrator talking to Rowan, then a narrator
    /// whom only others name (Rowan again, in a kitchen).
    static let platformNine = CommandRunner.fixture("platform-nine.txt").path

    func dialogue(_ json: String) throws -> [[(speaker: String, text: String)]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let scenes = try #require(object["scenes"] as? [[String: Any]])
        return scenes.map { scene in
            ((scene["lines"] as? [[String: Any]]) ?? []).filter { $0["kind"] as? String == "dialogue" }
                .map { ($0["speaker"] as? String ?? "", $0["text"] as? String ?? "") }
        }
    }

    @Test("platform-nine: two scenes, every quotation with the speaker a reader would give it")
    func platformNine() throws {
        let result = try CommandRunner.run(["script", Self.platformNine, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let scenes = try dialogue(result.stdout)
        #expect(scenes.count == 2)
        let first = scenes[0].map { "\($0.speaker): \($0.text)" }
        #expect(
            first == [
                "narrator: Rowan,", "narrator: What are you doing here?",
                "Rowan: I couldn't let you go without saying it properly,", "narrator: I'm glad you came,",
                "Rowan: The letter...", "Rowan: I read it twice.", "narrator: I meant every word,",
                "Rowan: Write to me,", "narrator: I'll try,",
            ])
        let second = scenes[1].map { "\($0.speaker): \($0.text)" }
        #expect(
            second == [
                "Juno: Table six wants to marry you, Rowan!", "Juno: They licked the plates clean.",
                "Rowan: Good. That's the whole point of plates,", "Juno: Are you coming out with us after close?",
                "Rowan: Thanks, Juno. Not tonight, I think,", "Juno: Everything all right?",
            ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let names = ((object["characters"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
        #expect(Set(names) == ["Rowan", "Juno"])
        let firstLine = try #require(
            ((object["scenes"] as? [[String: Any]])?.first?["lines"] as? [[String: Any]])?.first)
        #expect(firstLine["kind"] as? String == "narration")
        #expect((firstLine["text"] as? String)?.hasPrefix("The last train of the night") == true)
    }

    @Test("the text form lists scenes, chapter headings and aligned speakers")
    func textForm() throws {
        let result = try CommandRunner.run(["script", "Examples/lighthouse.md"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# audiobook script 1\n# source: Examples/lighthouse.md\n# checksum: fnv1a64:"))
        #expect(result.stdout.contains("== Scene 1 · Chapter One: The Keeper =="))
        #expect(result.stdout.contains("== Scene 3 · Chapter Two: The Storm =="))
        #expect(result.stdout.contains("\n  narrator > \"The ferry was late,\"  ["))
        #expect(result.stdout.contains("\nMarguerite > \"Ask him yourself,\"  ["))
    }

    @Test("a cast file given with --cast names the speakers")
    func castOption() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cast = directory.appendingPathComponent("cast.yaml")
        try
            "characters:\n  - name: Theo Marsh\n    gender: male\n    pov: true\n  - name: Marguerite Okafor\n    aliases: [Marguerite, Aunt Marguerite]\n    gender: female\n  - name: Dominic\n    gender: male\n"
            .write(to: cast, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run([
            "script", "Examples/lighthouse.md", "--cast", cast.path, "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let speakers = Set(try dialogue(result.stdout).flatMap { $0.map(\.speaker) })
        #expect(speakers.isSubset(of: ["Theo Marsh", "Marguerite Okafor", "Dominic", "unknown"]))
        #expect(speakers.contains("Theo Marsh"))
    }

    @Test(
        "bad input: one line on stderr, non-zero exit, nothing on stdout",
        arguments: [
            ("missing", "no-such-book.txt", "error: no such file: no-such-book.txt"),
            ("directory", "Examples", "error: Examples is a directory, not a manuscript file"),
        ])
    func badPaths(_ name: String, _ path: String, _ message: String) throws {
        let result = try CommandRunner.run(["script", path])
        #expect(result.status != 0)
        #expect(result.stderr == message + "\n")
        #expect(result.stdout.isEmpty)
    }

    @Test(
        "bad files: empty, binary, invalid UTF-8, malformed cast",
        arguments: [
            ("empty.txt", [UInt8](), nil as String?, "error: empty.txt is empty: there is no text to read"),
            (
                "binary.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], nil,
                "binary.txt:1: error: binary file: a NUL byte is not text; give a UTF-8 text manuscript"
            ),
            (
                "latin1.txt", Array("Line one.\nCaf".utf8) + [0xE9, 0x0A], nil,
                "latin1.txt:2:4: error: invalid UTF-8 (byte 0xE9 at byte 4 of the line); save the file as UTF-8"
            ),
            (
                "book.txt", Array("\"Hi,\" said Tessa.\n".utf8), "characters:\n  - name: Tessa\n    age: 30\n",
                "cast.yaml:3:5: error: unknown key 'age' in a character (expected one of: name, aliases, gender, voice, pov)"
            ),
        ])
    func badFiles(_ name: String, _ bytes: [UInt8], _ cast: String?, _ message: String) throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(bytes).write(to: directory.appendingPathComponent(name))
        var arguments = ["script", name]
        if let cast {
            try cast.write(to: directory.appendingPathComponent("cast.yaml"), atomically: true, encoding: .utf8)
            arguments += ["--cast", "cast.yaml"]
        }
        let result = try CommandRunner.run(arguments, in: directory)
        #expect(result.status != 0)
        #expect(result.stderr == message + "\n")
        #expect(result.stdout.isEmpty)
    }
}

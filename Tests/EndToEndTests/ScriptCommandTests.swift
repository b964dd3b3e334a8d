import Foundation
import Testing

@Suite("audiobook script, end to end")
struct ScriptCommandTests {
    /// The manuscript the project was specified from, in ../shared beside the checkout.
    static let sashaAndTessa = CommandRunner.packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/manuscripts/sasha-and-tessa.txt").path

    func dialogue(_ json: String) throws -> [[(speaker: String, text: String)]] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let scenes = try #require(object["scenes"] as? [[String: Any]])
        return scenes.map { scene in
            ((scene["lines"] as? [[String: Any]]) ?? []).filter { $0["kind"] as? String == "dialogue" }
                .map { ($0["speaker"] as? String ?? "", $0["text"] as? String ?? "") }
        }
    }

    @Test("sasha-and-tessa: two scenes, every quotation with the speaker a reader would give it")
    func sashaAndTessa() throws {
        let result = try CommandRunner.run(["script", Self.sashaAndTessa, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let scenes = try dialogue(result.stdout)
        #expect(scenes.count == 2)
        let first = scenes[0].map { "\($0.speaker): \($0.text)" }
        #expect(first == [
            "narrator: Sasha,", "narrator: What are you doing here?",
            "Sasha: I couldn't let you leave without saying goodbye,", "narrator: I'm glad you came,",
            "Sasha: Last night...", "Sasha: It meant something to me.", "narrator: It meant something to me too,",
            "Sasha: Come back to me,", "narrator: I'll try,",
        ])
        let second = scenes[1].map { "\($0.speaker): \($0.text)" }
        #expect(second == [
            "Sasha: What's up, LA?", "Sasha: Are you ready to have some fucking fun tonight?",
            "Tessa: Amazing performance, Sasha!", "Tessa: You had them eating out of the palm of your hand.",
            "Sasha: Thanks, Tessa. It was electric out there tonight.", "Sasha: Everything okay?",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let names = ((object["characters"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
        #expect(Set(names) == ["Sasha", "Tessa"])
        let firstLine = try #require(((object["scenes"] as? [[String: Any]])?.first?["lines"] as? [[String: Any]])?.first)
        #expect(firstLine["kind"] as? String == "narration")
        #expect(firstLine["text"] as? String == "Font Size:")
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
        try "characters:\n  - name: Theo Marsh\n    gender: male\n    pov: true\n  - name: Marguerite Okafor\n    aliases: [Marguerite, Aunt Marguerite]\n    gender: female\n  - name: Dominic\n    gender: male\n".write(to: cast, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["script", "Examples/lighthouse.md", "--cast", cast.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let speakers = Set(try dialogue(result.stdout).flatMap { $0.map(\.speaker) })
        #expect(speakers.isSubset(of: ["Theo Marsh", "Marguerite Okafor", "Dominic", "unknown"]))
        #expect(speakers.contains("Theo Marsh"))
    }

    @Test("bad input: one line on stderr, non-zero exit, nothing on stdout", arguments: [
        ("missing", "no-such-book.txt", "error: no such file: no-such-book.txt"),
        ("directory", "Examples", "error: Examples is a directory, not a manuscript file"),
    ])
    func badPaths(_ name: String, _ path: String, _ message: String) throws {
        let result = try CommandRunner.run(["script", path])
        #expect(result.status != 0)
        #expect(result.stderr == message + "\n")
        #expect(result.stdout.isEmpty)
    }

    @Test("bad files: empty, binary, invalid UTF-8, malformed cast", arguments: [
        ("empty.txt", [UInt8](), nil as String?, "error: empty.txt is empty: there is no text to read"),
        ("binary.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00], nil, "binary.txt:1: error: binary file: a NUL byte is not text; give a UTF-8 text manuscript"),
        ("latin1.txt", Array("Line one.\nCaf".utf8) + [0xE9, 0x0A], nil, "latin1.txt:2:4: error: invalid UTF-8 (byte 0xE9 at byte 4 of the line); save the file as UTF-8"),
        ("book.txt", Array("\"Hi,\" said Tessa.\n".utf8), "characters:\n  - name: Tessa\n    age: 30\n",
         "cast.yaml:3:5: error: unknown key 'age' in a character (expected one of: name, aliases, gender, voice, pov)"),
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

import AudiobookCore
import Foundation
import Testing

/// What a new user meets in their first hour: the command line, messages, and their own files.
@Suite("A new user's first hour, end to end", .serialized)
struct FirstHourTests {
    @Test("--version prints the version")
    func version() throws {
        let result = try CommandRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(result.stdout)")
    }

    @Test("render --help states the default of --jobs once and calls them worker processes")
    func jobsHelp() throws {
        let result = try CommandRunner.run(["render", "--help"])
        let help = result.stdout.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        let jobs = try #require(help.range(of: "--jobs <n> ").map { String(help[$0.upperBound...].prefix(200)) })
        #expect(jobs.components(separatedBy: "default").count - 1 == 1, "\(jobs)")
        #expect(jobs.contains("worker processes"))
        #expect(!jobs.contains("scenes"))
    }

    @Test(
        "a missing EPUB is no such file; a voice profile that is a directory says so",
        arguments: [
            (["script", "no-such-book.epub"], "error: no such file: no-such-book.epub"),
            (["render", "Examples", "--output", "out"], "error: Examples is a directory, not a manuscript file"),
        ])
    func missingFiles(_ arguments: [String], _ message: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr == message + "\n")
    }

    @Test("with espeak-ng: a profile that is a directory, and an output folder under a file, are errors in plain words")
    func fileSystemMessages() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "\"Hi,\" said Tessa.\n".write(
            to: folder.appendingPathComponent("book.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("voices/Tessa.yaml"), withIntermediateDirectories: true)
        let directory = try CommandRunner.run(["render", "book.txt", "--voices", "voices"], in: folder)
        #expect(directory.status != 0)
        #expect(directory.stderr == "error: voices/Tessa.yaml is a directory, not a YAML file\n")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("voices/Tessa.yaml"))
        try "not a folder".write(to: folder.appendingPathComponent("taken"), atomically: true, encoding: .utf8)
        let blocked = try CommandRunner.run(
            ["render", "book.txt", "--voices", "voices", "--output", "taken", "--quiet"], in: folder)
        #expect(blocked.status != 0)
        #expect(blocked.stderr == "error: cannot write taken/book: taken is a file, not a directory\n")
    }

    /// A folder whose `bin/aplay` prints ALSA's complaints and exits with `status`.
    func fakePlayer(status: Int32) throws -> URL {
        let folder = try CommandRunner.temporaryDirectory()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("bin"), withIntermediateDirectories: true)
        let player = folder.appendingPathComponent("bin/aplay")
        try
            "#!/bin/sh\necho \"ALSA lib confmisc.c:855:(parse_card) cannot find card '0'\" >&2\necho 'aplay: main:831: audio open error: No such file or directory' >&2\nexit \(status)\n"
            .write(to: player, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: player.path)
        return folder
    }

    @Test(
        "with espeak-ng: preview --play whose player fails says so in one line, exits non-zero and says where the WAV is"
    )
    func playerFails() throws {
        let folder = try fakePlayer(status: 1)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(
            executable: CommandRunner.binary,
            ["preview", ScriptCommandTests.platformNine, "--scene", "1", "--output", "p.wav", "--play"],
            in: folder, environment: ["PATH": folder.appendingPathComponent("bin").path])
        #expect(result.status != 0)
        let wav = folder.appendingPathComponent("p.wav").path
        #expect(
            result.stderr
                == "error: could not play the scene: aplay failed (exit status 1): aplay: main:831: audio open error: No such file or directory; nothing played, the scene was written to \(wav)\n"
        )
        #expect(FileManager.default.fileExists(atPath: wav))
    }

    @Test("with espeak-ng: preview --play whose player works keeps the player's noise out")
    func playerWorks() throws {
        let folder = try fakePlayer(status: 0)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(
            executable: CommandRunner.binary,
            ["preview", ScriptCommandTests.platformNine, "--scene", "1", "--output", "p.wav", "--play"],
            in: folder, environment: ["PATH": folder.appendingPathComponent("bin").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test("with espeak-ng: the example's cast hears the profiles Voices/ ships, found by alias, and cast says why")
    func exampleCast() throws {
        let result = try CommandRunner.run([
            "cast", "Examples/lighthouse.md", "--cast", "Examples/lighthouse.cast.yaml",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "Marguerite Okafor     10  Voices/Marguerite.yaml (named after the alias Marguerite): en-gb-scotland+f2 "
            ))
        #expect(
            result.stdout.contains("Theo Marsh             5  Voices/Theo.yaml (named after the alias Theo): en-us+m4 ")
        )
        #expect(
            result.stdout.contains("Dominic                7  Voices/Dominic.yaml (named like the speaker): en-gb+m1 "))
        #expect(!result.stdout.contains("automatic"))
    }

    @Test("script on a script file prints it as render reads it, in either form")
    func scriptOfScript() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try CommandRunner.run(["script", ScriptCommandTests.platformNine])
        let edited = original.stdout.replacingOccurrences(of: " Juno > \"They licked", with: "Rowan > \"They licked")
        try edited.write(to: folder.appendingPathComponent("book.script"), atomically: true, encoding: .utf8)
        let text = try CommandRunner.run(["script", "book.script"], in: folder)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Rowan > \"They licked the plates clean.\""))
        let reparsed = try ScriptTextParser.parse(text.stdout, path: "again.script")
        let expected = try ScriptTextParser.parse(edited, path: "book.script")
        #expect(reparsed.scenes.flatMap(\.lines).map(\.speaker) == expected.scenes.flatMap(\.lines).map(\.speaker))
        let json = try CommandRunner.run(["script", "book.script", "--format", "json"], in: folder)
        let decoded = try ScriptJSON.decode(Data(json.stdout.utf8))
        #expect(decoded.dialogue.first { $0.text == "They licked the plates clean." }?.speaker == "Rowan")
        let keep = try CommandRunner.run(["script", "book.script", "--keep", "book.script"], in: folder)
        #expect(keep.status != 0)
        #expect(
            keep.stderr.hasPrefix("error: --keep takes corrections into a manuscript's new script"), "\(keep.stderr)")
    }

    @Test("script | head ends quietly when the reader goes away")
    func brokenPipe() throws {
        let result = try CommandRunner.run(
            program: "bash",
            [
                "-o", "pipefail", "-c",
                "'\(CommandRunner.binary.path)' script '\(ScriptCommandTests.platformNine)' | head -1",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "# audiobook script 1\n")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }

    @Test(
        "with espeak-ng and ffmpeg: front matter gives the M4B its title, author and cover, with an audiobook's brand, and is never spoken"
    )
    func frontMatterM4B() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let book =
            "---\ntitle: The Salt Road\nauthor: [Ada Quill, Ben Marsh]\nlang: en-GB\ncover: cover.png\n---\n\n# One\n\n\"We leave at dawn,\" said Ada.\n"
        try book.write(to: folder.appendingPathComponent("book.md"), atomically: true, encoding: .utf8)
        let cover = try CommandRunner.run(
            program: "ffmpeg",
            ["-v", "error", "-f", "lavfi", "-i", "color=c=blue:s=32x32", "-frames:v", "1", "cover.png"], in: folder)
        #expect(cover.status == 0, "\(cover.stderr)")
        let render = try CommandRunner.run(["render", "book.md", "--output", "out", "--m4b", "--quiet"], in: folder)
        #expect(render.status == 0, "\(render.stderr)")
        let probe = try CommandRunner.run(
            program: "ffprobe", ["-v", "error", "-show_format", "-show_streams", "-of", "json", "out/book/book.m4b"],
            in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any])
        let tags = try #require((object["format"] as? [String: Any])?["tags"] as? [String: Any])
        #expect(tags["title"] as? String == "The Salt Road")
        #expect(tags["artist"] as? String == "Ada Quill, Ben Marsh")
        #expect(tags["major_brand"] as? String == "M4B ")
        let streams = (object["streams"] as? [[String: Any]]) ?? []
        #expect(streams.contains { ($0["disposition"] as? [String: Any])?["attached_pic"] as? Int == 1 })
        let cues = try CuesFile.cues(in: folder.appendingPathComponent("out/book"))
        #expect(cues.map(\.text) == ["One", "We leave at dawn,", "said Ada."])
        let badCover = try CommandRunner.run(
            ["render", "book.md", "--output", "out", "--m4b", "--quiet", "--cover", "book.md"], in: folder)
        #expect(badCover.status != 0)
        #expect(badCover.stderr == "error: book.md (the cover named by --cover) is not a JPEG or PNG image\n")
    }

    @Test("with espeak-ng and ffmpeg: a title page gives a text's M4B its title and author; with none, the file name")
    func titlePageM4B() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "THE SALT ROAD\n\nby Ada Quill\n\nCHAPTER I.\n\n\"We leave at dawn,\" said Ada.\n".write(
            to: folder.appendingPathComponent("salt.txt"), atomically: true, encoding: .utf8)
        try "CHAPTER I.\n\n\"We leave at dawn,\" said Ada.\n".write(
            to: folder.appendingPathComponent("plain.txt"), atomically: true, encoding: .utf8)
        for (name, title, author) in [("salt", "The Salt Road", "Ada Quill" as String?), ("plain", "plain", nil)] {
            let render = try CommandRunner.run(
                ["render", "\(name).txt", "--output", "out", "--m4b", "--quiet"], in: folder)
            #expect(render.status == 0, "\(render.stderr)")
            let probe = try CommandRunner.run(
                program: "ffprobe",
                ["-v", "error", "-show_format", "-show_chapters", "-of", "json", "out/\(name)/\(name).m4b"], in: folder)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any])
            let tags = try #require((object["format"] as? [String: Any])?["tags"] as? [String: Any])
            #expect(tags["title"] as? String == title)
            #expect(tags["artist"] as? String == author)
            let chapters = (object["chapters"] as? [[String: Any]]) ?? []
            let titles = chapters.compactMap { ($0["tags"] as? [String: Any])?["title"] as? String }
            #expect(!titles.contains { $0.hasPrefix("Scene ") }, "\(titles)")
        }
    }

    @Test(
        "with espeak-ng: --language de reads a German book with German voices; Chinese under an English voice is warned once"
    )
    func languages() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try
            "„Wo warst du?“, fragte Anna.\n\n„Im Garten“, sagte Paul. „Es regnet.“\n\n„Komm herein“, sagte Anna.\n\n„Gleich“, sagte Paul.\n"
            .write(to: folder.appendingPathComponent("buch.txt"), atomically: true, encoding: .utf8)
        let german = try CommandRunner.run(["cast", "buch.txt", "--language", "de"], in: folder)
        #expect(german.status == 0, "\(german.stderr)")
        #expect(german.stdout.contains("built-in narrator (no narrator.yaml in Voices): de+m3"), "\(german.stdout)")
        #expect(german.stdout.contains("Anna          2  automatic (no Anna.yaml in Voices): de+f"), "\(german.stdout)")
        try "\"Ni hao,\" said Li. \"你好。\"\n\n\"再见。\" said Li.\n\n\"Hello,\" said Ann.\n".write(
            to: folder.appendingPathComponent("book.txt"), atomically: true, encoding: .utf8)
        let chinese = try CommandRunner.run(["cast", "book.txt"], in: folder)
        #expect(chinese.status == 0)
        let warnings = chinese.stderr.split(separator: "\n")
        #expect(warnings.count == 1)
        #expect(
            warnings.first?.hasPrefix("book.txt:1: warning: this line is in Chinese script, which the voice ") == true,
            "\(chinese.stderr)")
        #expect(
            warnings.first?.hasSuffix(
                "cannot read (espeak-ng spells each character out); give the book's language (--language zh, or lang: in the front matter) or a voice that reads it (warned once)"
            ) == true)
        let fixed = try CommandRunner.run(["cast", "book.txt", "--language", "zh"], in: folder)
        #expect(fixed.stderr.isEmpty, "\(fixed.stderr)")
    }
}

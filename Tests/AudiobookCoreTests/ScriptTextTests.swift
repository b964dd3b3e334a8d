import Testing

@testable import AudiobookCore

@Suite("The script's text form")
struct ScriptTextTests {
    func roundTrip(_ script: Script) throws -> Script {
        try ScriptTextParser.parse(ScriptTextFormatter().format(script), path: "book.script")
    }

    @Test("format then parse gives the same lines, speakers, kinds, offsets, paragraphs and emphasis")
    func roundTrips() throws {
        let texts = [
            try fixture("conversation.txt"),
            "# One\n\n\"You _want_ to tell me,\" said Tessa. \"Fine.\"\n\nIt rained.\n",
        ]
        for text in texts {
            let script = try makeScript(text)
            let parsed = try roundTrip(script)
            #expect(parsed.source == script.source)
            #expect(parsed.checksum == script.checksum)
            #expect(parsed.scenes.map(\.index) == script.scenes.map(\.index))
            #expect(parsed.scenes.map(\.chapter) == script.scenes.map(\.chapter))
            for (a, b) in zip(parsed.scenes.flatMap(\.lines), script.scenes.flatMap(\.lines)) {
                #expect(a.speaker == b.speaker)
                #expect(a.kind == b.kind)
                #expect(a.text == b.text)
                #expect(a.start == b.start && a.end == b.end)
                #expect(a.paragraph == b.paragraph)
                #expect(a.emphasis == b.emphasis)
            }
            #expect(parsed.scenes.flatMap(\.lines).count == script.scenes.flatMap(\.lines).count)
            #expect(parsed.characters.map(\.name) == script.characters.map(\.name))
            #expect(parsed.characters.map(\.gender) == script.characters.map(\.gender))
        }
    }

    @Test(
        "a malformed script names the line and what is wrong",
        arguments: [
            ("hello\n", "book.script:1: error: not an audiobook script: the first line must be '# audiobook script 1'"),
            (
                "# audiobook script 1\n# source: b.txt\n\nTessa > \"Hi.\"  [0-3]\n",
                "book.script:4: error: a line before the first scene ('== Scene 1 ==')"
            ),
            (
                "# audiobook script 1\n# source: b.txt\n\n== Scene 1 ==\n\nTessa > \"Hi.  [0-3]\n",
                "book.script:6: error: the words of Tessa's line must end with a closing '\"'"
            ),
            (
                "# audiobook script 1\n# source: b.txt\n\n== Scene 1 ==\n\nTessa says hi.\n",
                "book.script:6: error: expected 'SPEAKER > \"words\"', an indented narration line or an indented '# heading'"
            ),
            (
                "# audiobook script 1\n# source: b.txt\n\n== Scene one ==\n",
                "book.script:4: error: a scene line needs its number: '== Scene N · Chapter =='"
            ),
            (
                "# audiobook script 1\n# source: b.txt\n\n== Scene 1 ==\n\n    Narration.  [9-3]\n",
                "book.script:6: error: the offsets [9-3] run backwards"
            ),
            (
                "# audiobook script 1\n# source: b.txt\n\n== Scene 1 ==\n\nTessa > \"Hi.\"  ? guess  [0-3]\n",
                "book.script:6: error: a doubt mark must read '? RULE CONFIDENCE'"
            ),
            (
                "# audiobook script 1\n\n== Scene 1 ==\n",
                "book.script:2: error: the script does not name its manuscript ('# source: PATH')"
            ),
            (
                "# audiobook script 1\n# source: b.txt\n# speakers: Tessa (robot, 2)\n",
                "book.script:3: error: the gender of Tessa in '# speakers:' must be female, male or unknown"
            ),
        ])
    func malformed(_ text: String, _ message: String) {
        do {
            _ = try ScriptTextParser.parse(text, path: "book.script")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostic.description == message)
        }
    }

    @Test("edits are read: a renamed speaker, a new speaker, a split line, fixed words")
    func edits() throws {
        let text = """
            # audiobook script 1
            # source: b.txt
            # speakers: Tessa (female, 2)

            == Scene 1 ==

               Tessa > "Hello there,"  [1-13]
                       said Tessa.  [15-26]
                Theo > "Hi."  [28-31]
            unknown > "Yes, and _no_."  [33-46]
            """
        let script = try ScriptTextParser.parse(text, path: "b.script")
        #expect(script.dialogue.map(\.speaker) == ["Tessa", "Theo", "unknown"])
        #expect(script.dialogue[2].text == "Yes, and no.")
        #expect(script.dialogue[2].emphasis == [9..<11])
        #expect(script.characters.map(\.name) == ["Tessa", "Theo"])
        #expect(script.characters.first?.gender == .female)
        #expect(script.scenes[0].lines.allSatisfy { $0.paragraph == 1 })
    }

    @Test("--keep: corrections on unchanged lines survive a paragraph inserted in the manuscript")
    func keep() throws {
        let before = "\"Hello,\" she said.\n\n\"Hi,\" said Tessa.\n\n\"Bye.\"\n"
        var edited = try makeScript(before)
        // The user's corrections: the first line is Sasha's, the last one Tessa's.
        var lines = edited.scenes[0].lines
        for index in lines.indices where lines[index].kind == .dialogue {
            if lines[index].text == "Hello," { lines[index].speaker = "Sasha" }
            if lines[index].text == "Bye." { lines[index].speaker = "Tessa" }
        }
        edited.scenes[0].lines = lines
        let after =
            "A new opening paragraph.\n\n\"Hello,\" she said.\n\n\"Wait!\" cried Bob.\n\n\"Hi,\" said Tessa.\n\n\"Bye.\"\n"
        let fresh = try makeScript(after)
        let kept = ScriptCorrections.keep(edited, in: fresh)
        #expect(speaker(of: "Hello", in: kept.script) == "Sasha")
        #expect(speaker(of: "Bye", in: kept.script) == "Tessa")
        #expect(speaker(of: "Wait", in: kept.script) == "Bob")
        #expect(kept.script.dialogue.first { $0.text == "Hello," }?.rule == "kept")
    }
}

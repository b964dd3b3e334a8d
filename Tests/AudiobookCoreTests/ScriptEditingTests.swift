import Testing

@testable import AudiobookCore

@Suite("Editing a script in place (the review page)")
struct ScriptEditingTests {
    static let script = Script(
        source: "book.txt",
        characters: [.init(name: "Tessa", gender: .female, lines: 2), .init(name: "Sasha", gender: .female, lines: 1)],
        scenes: [
            .init(
                index: 1, chapter: nil,
                lines: [
                    ScriptLine(speaker: "narrator", kind: .narration, text: "Night.", start: 0, end: 6, sourceLine: 1),
                    ScriptLine(
                        speaker: "Tessa", kind: .dialogue, text: "Hi.", start: 8, end: 11, sourceLine: 3,
                        confidence: 0.4, rule: "turn-taking"),
                ]),
            .init(
                index: 2, chapter: nil,
                lines: [
                    ScriptLine(
                        speaker: "Sasha", kind: .dialogue, text: "Go.", start: 13, end: 16, sourceLine: 5,
                        confidence: 0.9, rule: "explicit-tag"),
                    ScriptLine(
                        speaker: "Tessa", kind: .dialogue, text: "No.", start: 18, end: 21, sourceLine: 7,
                        confidence: 0.9, rule: "explicit-tag"),
                ]),
        ])

    @Test("lines are numbered over the whole book")
    func positions() {
        #expect(Self.script.linePositions.map { [$0.scene, $0.line] } == [[0, 0], [0, 1], [1, 0], [1, 1]])
    }

    @Test("a new speaker marks the line edited and joins the characters; the first speaker undoes it")
    func reassign() throws {
        var script = Self.script
        let original = script.scenes[0].lines[1]
        let line = try script.reassign(line: 1, to: "Mara", original: original)
        #expect(line.speaker == "Mara" && line.rule == Script.editedRule && line.confidence == 1)
        #expect(script.characters.map(\.name).sorted() == ["Mara", "Sasha", "Tessa"])
        #expect(script.characters.first { $0.name == "Tessa" }?.lines == 1)
        let text = ScriptTextFormatter().format(script)
        #expect(text.contains("Mara > \"Hi.\"  [8-11]"))
        #expect(!text.contains("? turn-taking"))
        let back = try script.reassign(line: 1, to: "Tessa", original: original, known: Self.script.characters)
        #expect(back == original)
        #expect(script.characters == Self.script.characters)
    }

    @Test("narration, a line out of range and a name the text form cannot hold are refused")
    func refusals() {
        var script = Self.script
        #expect(throws: Script.EditError.notDialogue(0, kind: .narration)) { try script.reassign(line: 0, to: "Tessa") }
        #expect(throws: Script.EditError.noSuchLine(4, count: 4)) { try script.reassign(line: 4, to: "Tessa") }
        for name in ["", " Tessa", "A > \"B", "Tessa (f", "#x", "a\nb"] {
            #expect(Script.problem(withSpeakerName: name) != nil, "\(name)")
            #expect(throws: Script.EditError.self) { try script.reassign(line: 1, to: name) }
        }
        #expect(script == Self.script)
    }

    @Test("a profile written from settings reads back as the same settings")
    func profileText() throws {
        let settings = VoiceSettings(
            voice: "en-gb-scotland", variant: "m2", rate: 140, pitch: 30, range: 60, volume: 90)
        let text = settings.yaml
        #expect(text.hasPrefix("voice: en-gb-scotland\nvariant: m2\n"))
        let profile = try VoiceProfile(path: "Voices/x.yaml", text: text, name: "x", catalog: VoiceProfileTests.catalog)
        #expect(profile.settings == settings)
        #expect(VoiceSettings.quoted("no") == "\"no\"")
        #expect(VoiceSettings.quoted("a \"b\"") == "\"a \\\"b\\\"\"")
    }
}

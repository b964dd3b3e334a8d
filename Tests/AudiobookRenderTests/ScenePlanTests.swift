import AudiobookCore
import Foundation
import Testing

@testable import AudiobookRender

@Suite("Scene plans")
struct ScenePlanTests {
    static let catalog = VoiceCatalog(
        voices: [
            .init(name: "English_(America)", language: "en-us", identifier: "gmw/en-US", gender: .male),
            .init(name: "English_(Great_Britain)", language: "en-gb", identifier: "gmw/en", gender: .male),
        ],
        variants: [
            .init(name: "f3", description: "female3", gender: .female),
            .init(name: "m3", description: "male3", gender: .male),
        ])

    @Test("pauses: scene start, after a heading, between paragraphs, on a change of speaker, within a speaker")
    func pauses() throws {
        let manuscript = try Manuscript(
            path: "b.txt",
            bytes: Array(
                "Prologue text.\n\n# One\n\nShe came in. \"Hello,\" said Tessa. \"Again.\"\n\nIt rained.\n".utf8))
        let script = ScriptBuilder().script(for: manuscript)
        let casting = try VoiceCasting(
            speakers: [.init(name: "Tessa", gender: .female, lines: 2)], library: VoiceLibrary(folder: "none"),
            catalog: Self.catalog)
        var pauses = PauseSettings()
        (pauses.sceneStart, pauses.heading, pauses.paragraph, pauses.speakerChange, pauses.line, pauses.sceneEnd) = (
            1, 2, 3, 4, 5, 6
        )
        let plans = ScenePlan.plans(for: script, casting: casting, pauses: pauses, catalog: Self.catalog)
        #expect(plans.first?.lines.first?.pauseBefore == 0, "the book starts at once")
        let plan = try #require(plans.last)
        #expect(
            plan.lines.map(\.line.text) == ["One", "She came in.", "Hello,", "said Tessa.", "Again.", "It rained."])
        #expect(plan.lines.map(\.pauseBefore) == [1, 2, 4, 4, 4, 3])
        #expect(plan.pauseAfter == 6)
        #expect(plan.fileName == "scene-002.wav")
        // The voice is handed to espeak-ng as its file name: "en-gb" is selected as "gmw/en".
        #expect(plan.lines[0].utterance.voice.voice == "gmw/en")
    }

    @Test(
        "a scene longer than the part limit becomes balanced parts cut where paragraphs begin, named scene-NNN-K.wav; a shorter one stays whole"
    )
    func parts() throws {
        // One scene of 30 paragraphs of 20 words (about 7 s each at 175 words a minute, 3.6 minutes in all).
        let paragraph = Array(repeating: "word", count: 19).joined(separator: " ") + "."
        let text =
            "# One\n\n" + Array(repeating: paragraph, count: 30).joined(separator: "\n\n") + "\n\n# Two\n\nShort.\n"
        let script = ScriptBuilder().script(for: try Manuscript(path: "b.txt", bytes: Array(text.utf8)))
        let casting = try VoiceCasting(speakers: [], library: VoiceLibrary(folder: "none"), catalog: Self.catalog)
        func plans(_ seconds: Double) -> [ScenePlan] {
            ScenePlan.plans(
                for: script, casting: casting, pauses: PauseSettings(), catalog: Self.catalog, partSeconds: seconds)
        }
        let whole = plans(ScenePlan.partSeconds)
        #expect(whole.map(\.fileName) == ["scene-001.wav", "scene-002.wav"])
        #expect(whole.allSatisfy { $0.part == nil })
        let split = plans(60)
        #expect(
            split.map(\.fileName) == [
                "scene-001-1.wav", "scene-001-2.wav", "scene-001-3.wav", "scene-001-4.wav", "scene-002.wav",
            ])
        #expect(split.map(\.part) == [1, 2, 3, 4, nil])
        #expect(split.map(\.index) == [1, 1, 1, 1, 2])
        // Nothing lost, nothing moved: the parts' lines are the whole scene's, with the same pauses and numbers.
        #expect(split.prefix(4).flatMap(\.lines) == whole[0].lines)
        #expect(split.prefix(3).allSatisfy { $0.pauseAfter == 0 } && split[3].pauseAfter == whole[0].pauseAfter)
        // Each cut is where a paragraph begins, and the parts are about equal (within a paragraph of a quarter).
        for part in split.prefix(4).dropFirst() {
            let first = try #require(part.lines.first)
            #expect(!first.continuesLine && first.pauseBefore == PauseSettings().paragraph)
        }
        let lengths = split.prefix(4).map { $0.lines.reduce(0) { $0 + ScenePlan.estimatedSeconds($1) } }
        let quarter = lengths.reduce(0, +) / 4
        #expect(lengths.allSatisfy { abs($0 - quarter) < 8 }, "\(lengths)")
    }

    @Test("a long line is spoken in pieces cut after sentences; a short one whole; emphasis follows its words")
    func pieces() throws {
        let sentence = "This is a sentence of the letter, read out at length. "
        let text = String(repeating: sentence, count: 100).trimmingCharacters(in: .whitespaces) + " The end."
        // "end" is emphasised: offsets count Unicode scalars from the line's start.
        let line = ScriptLine(
            speaker: "Darcy", kind: .dialogue, text: text, start: 0, end: text.utf8.count, sourceLine: 1,
            emphasis: [(text.count - 4)..<(text.count - 1)])
        let pieces = SpeechText.pieces(of: line)
        #expect(pieces.count > 1)
        #expect(pieces.dropLast().allSatisfy { $0.text.hasSuffix(".") && $0.text.count >= SpeechText.pieceCharacters })
        #expect(pieces.map(\.text).joined(separator: " ") == line.text, "no words lost or added")
        #expect(pieces.last?.emphasis.count == 1)
        let last = try #require(pieces.last)
        let range = try #require(last.emphasis.first)
        #expect(String(Array(last.text)[range]) == "end")
        #expect(pieces.dropLast().allSatisfy { $0.emphasis.isEmpty })
        let short = ScriptLine(speaker: "Tessa", kind: .dialogue, text: sentence, start: 0, end: 10, sourceLine: 1)
        #expect(SpeechText.pieces(of: short) == [short])
    }

    @Test("the pieces of a long line follow each other without a pause and may end a unit")
    func piecesInPlans() throws {
        let letter = String(repeating: "I write to you at length, and with care. ", count: 120)
        let manuscript = try Manuscript(path: "b.txt", bytes: Array("\"\(letter)\" said Darcy.\n".utf8))
        let script = ScriptBuilder().script(for: manuscript)
        let casting = try VoiceCasting(
            speakers: [.init(name: "Darcy", gender: .male, lines: 1)], library: VoiceLibrary(folder: "none"),
            catalog: Self.catalog)
        let plans = ScenePlan.plans(for: script, casting: casting, pauses: PauseSettings(), catalog: Self.catalog)
        let lines = try #require(plans.first?.lines)
        let pieces = lines.filter { $0.line.text.hasPrefix("I write") }
        #expect(pieces.count >= 3)
        #expect(pieces.dropFirst().allSatisfy { $0.continuesLine && $0.pauseBefore == 0 })
        #expect(Set(pieces.map(\.number)).count == 1, "one script line")
        let units = SpeechUnit.units(of: plans, engineVersion: "v", sampleRate: 22050)
        #expect(units.count >= 2, "a paragraph of one long line is cut into several units")
    }

    @Test(
        "emphasis is spoken higher and slower with SSML <prosody> (which, unlike <emphasis>, keeps the volume), and the text is escaped"
    )
    func emphasis() throws {
        let manuscript = try Manuscript(path: "b.txt", bytes: Array("\"Fish & _chips_ <now>,\" said Tessa.\n".utf8))
        let line = try #require(ScriptBuilder().script(for: manuscript).dialogue.first)
        let utterance = SpeechText.utterance(for: line, voice: VoiceSettings(voice: "en-us"))
        #expect(utterance.isSSML)
        #expect(
            utterance.text
                == "<speak>Fish &amp; <prosody pitch=\"+15%\" rate=\"-10%\">chips</prosody> &lt;now&gt;,</speak>")
        let plain = SpeechText.utterance(
            for: ScriptLine(speaker: "narrator", kind: .narration, text: "A & B", start: 0, end: 5, sourceLine: 1),
            voice: VoiceSettings(voice: "en-us"))
        #expect(!plain.isSSML)
        #expect(plain.text == "A & B")
    }
}

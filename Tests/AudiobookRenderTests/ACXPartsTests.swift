import AudiobookCore
import Testing

@testable import AudiobookRender

@Suite("ACX files from a render")
struct ACXPartsTests {
    /// A scene of `paragraphs` paragraphs of 100 samples each, one line per paragraph.
    static func scene(_ index: Int, chapter: String?, paragraphs: Int) -> (RenderedScene, ScenePlan) {
        let file = ScenePlan.fileName(forScene: index)
        let lines = (0..<paragraphs).map { number in
            ScenePlan.Line(
                number: number + 1,
                line: ScriptLine(
                    speaker: "narrator", kind: .narration, text: "x", start: 0, end: 1, sourceLine: 1,
                    paragraph: number + 1),
                profile: "narrator", utterance: Utterance(text: "x", voice: VoiceSettings(voice: "en")), pauseBefore: 0)
        }
        let cues = (0..<paragraphs).map { number in
            Cue(
                scene: index, file: file, line: number + 1, speaker: "narrator", profile: "narrator", kind: "narration",
                startSample: number * 100, endSample: number * 100 + 90, text: "x", sourceStart: 0, sourceEnd: 1)
        }
        return (
            RenderedScene(index: index, chapter: chapter, file: file, sampleCount: paragraphs * 100, cues: cues),
            ScenePlan(index: index, chapter: chapter, fileName: file, lines: lines, pauseAfter: 0)
        )
    }

    @Test("a file per chapter; a long chapter cut at a scene boundary when one fits, else between paragraphs")
    func parts() {
        let built = [
            Self.scene(1, chapter: "One", paragraphs: 3), Self.scene(2, chapter: "One", paragraphs: 3),
            Self.scene(3, chapter: "Two", paragraphs: 9), Self.scene(4, chapter: nil, paragraphs: 2),
        ]
        let parts = ACXMastering.parts(of: built.map(\.0), plans: built.map(\.1), maximumSamples: 650)
        #expect(
            parts.map(\.name) == [
                "chapter-01.mp3", "chapter-02-part-1.mp3", "chapter-02-part-2.mp3", "chapter-03.mp3",
            ])
        // Chapter One: 600 samples, under the limit: both scenes whole.
        #expect(parts[0].pieces.map { "\($0.scene):\($0.samples)" } == ["0:0..<300", "1:0..<300"])
        // Chapter Two: 900 samples in one scene: cut at the last paragraph that fits (600).
        #expect(parts[1].pieces.map { "\($0.scene):\($0.samples)" } == ["2:0..<600"])
        #expect(parts[2].pieces.map { "\($0.scene):\($0.samples)" } == ["2:600..<900"])
        #expect(parts[3].chapter == nil)
        // Three scenes of 300 in one chapter, limit 650: the cut falls at the scene boundary at 600.
        let three = [1, 2, 3].map { Self.scene($0, chapter: "Long", paragraphs: 3) }
        let cut = ACXMastering.parts(of: three.map(\.0), plans: three.map(\.1), maximumSamples: 650)
        #expect(
            cut.map { $0.pieces.map { "\($0.scene):\($0.samples)" } } == [["0:0..<300", "1:0..<300"], ["2:0..<300"]])
    }
}

import Foundation
import Testing

@testable import AudiobookRender

@Suite("Cue files")
struct CueFilesTests {
    static let scenes = [
        RenderedScene(
            index: 1, chapter: "Chapter One: The \"Keeper\"", file: "scene-001.wav", sampleCount: 66150,
            cues: [
                Cue(
                    scene: 1, file: "scene-001.wav", line: 1, speaker: "narrator", profile: "narrator", kind: "heading",
                    startSample: 13230, endSample: 30870, text: "Chapter One", sourceStart: 2, sourceEnd: 13),
                Cue(
                    scene: 1, file: "scene-001.wav", line: 2, speaker: "Tessa", profile: "Tessa", kind: "dialogue",
                    startSample: 44100, endSample: 55125, text: "Fish & <chips>?", sourceStart: 16, sourceEnd: 31),
            ]),
        RenderedScene(
            index: 2, chapter: nil, file: "scene-002.wav", sampleCount: 22050,
            cues: [
                Cue(
                    scene: 2, file: "scene-002.wav", line: 1, speaker: "Sasha", profile: "auto:gmw/en-US+f3",
                    kind: "dialogue",
                    startSample: 2205, endSample: 11025, text: "Yes.", sourceStart: 40, sourceEnd: 44)
            ]),
    ]

    func golden(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Golden"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test("the CDRWIN cue sheet matches its golden file")
    func cueSheet() throws {
        #expect(CueFiles.cueSheet(book: "book", scenes: Self.scenes) == (try golden("book.cue")))
    }

    @Test("cues.json matches its golden file")
    func json() throws {
        let text = String(decoding: try CueFiles.json(scenes: Self.scenes, sampleRate: 22050), as: UTF8.self)
        #expect(text == (try golden("cues.json")))
    }

    @Test("WebVTT matches its golden file: book timeline, <v Speaker> spans, escaped text")
    func webVTT() throws {
        #expect(CueFiles.webVTT(scenes: Self.scenes, sampleRate: 22050) == (try golden("book.vtt")))
    }
}

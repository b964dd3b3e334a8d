import AudiobookCore
import Foundation
import Testing

@testable import AudiobookRender

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Read-along documents")
struct ReadAlongDocumentsTests {
    static let voice = VoiceSettings(voice: "en-us")

    /// A plan line and its cue, `samples` long, starting at `start`.
    static func line(
        _ number: Int, _ kind: LineKind, _ speaker: String, _ text: String, paragraph: Int,
        emphasis: [Range<Int>] = []
    ) -> ScenePlan.Line {
        let script = ScriptLine(
            speaker: speaker, kind: kind, text: text, start: 0, end: 0, sourceLine: 1, paragraph: paragraph,
            emphasis: emphasis)
        return ScenePlan.Line(
            number: number, line: script, profile: speaker, utterance: Utterance(text: text, voice: voice),
            pauseBefore: 0)
    }

    static func scene(_ index: Int, chapter: String?, _ lines: [ScenePlan.Line]) -> (ScenePlan, RenderedScene) {
        let file = ScenePlan.fileName(forScene: index)
        let plan = ScenePlan(index: index, chapter: chapter, fileName: file, lines: lines, pauseAfter: 0)
        var cues: [Cue] = []
        var sample = 1024
        for line in lines where !line.continuesLine {
            cues.append(
                Cue(
                    scene: index, file: file, line: line.number,
                    speaker: line.line.kind == .dialogue ? line.line.speaker : "narrator", profile: line.profile,
                    kind: line.line.kind.rawValue, startSample: sample, endSample: sample + 11025,
                    text: line.line.text, sourceStart: 0, sourceEnd: 0))
            sample += 22050
        }
        return (plan, RenderedScene(index: index, chapter: chapter, file: file, sampleCount: sample, cues: cues))
    }

    static func documents(language: String? = nil) -> ReadAlongDocuments {
        let scenes = [
            scene(
                1, chapter: "One & Only",
                [
                    line(1, .heading, "narrator", "One & Only", paragraph: 1),
                    line(2, .dialogue, "Mr. Darcy", "I <never> dance", paragraph: 2, emphasis: [2..<9]),
                    line(3, .narration, "narrator", "said he.", paragraph: 2),
                    line(4, .dialogue, "Mr Darcy", "Nor I.", paragraph: 3),
                ]),
            scene(2, chapter: "One & Only", [line(1, .narration, "narrator", "Later.", paragraph: 1)]),
            scene(3, chapter: nil, [line(1, .dialogue, "Élodie", "Oui.", paragraph: 1)]),
        ]
        return ReadAlongDocuments(
            title: "T", author: nil, language: language, sampleRate: 22050, plans: scenes.map(\.0),
            scenes: scenes.map(\.1))
    }

    final class WellFormed: NSObject, XMLParserDelegate {
        static func check(_ text: String) -> Bool {
            let parser = XMLParser(data: Data(text.utf8))
            return parser.parse()
        }
    }

    @Test("chapters group consecutive scenes of one chapter; a scene outside chapters stands alone")
    func chapters() {
        let documents = Self.documents()
        #expect(documents.chapters.map(\.title) == ["One & Only", "Scene 3"])
        #expect(documents.chapters.map(\.scenes) == [0..<2, 2..<3])
        #expect(documents.chapters.map(\.name) == ["chapter-001", "chapter-002"])
    }

    @Test("speakers get distinct CSS classes even when their names fold to the same letters")
    func speakerClasses() {
        let classes = Self.documents().speakerClasses
        #expect(classes["Mr Darcy"] == "speaker-mr-darcy")
        #expect(classes["Mr. Darcy"] == "speaker-mr-darcy-2")
        #expect(classes["Élodie"] == "speaker-elodie")
        #expect(Set(classes.values).count == classes.count)
    }

    @Test("content documents are well-formed XHTML: headings, paragraphs of line spans, emphasis, escaped text")
    func content() {
        let documents = Self.documents()
        let first = documents.contentDocument(documents.chapters[0])
        #expect(WellFormed.check(first))
        #expect(first.contains("<h2 id=\"s001-l001\">One &amp; Only</h2>"))
        #expect(
            first.contains(
                "<p><span id=\"s001-l002\" class=\"dialogue speaker-mr-darcy-2\">“I <em>&lt;never&gt;</em> dance”</span> <span id=\"s001-l003\" class=\"narration\">said he.</span></p>"
            ))
        #expect(first.contains("<hr class=\"scene-break\"/>\n<p><span id=\"s002-l001\""))
        #expect(WellFormed.check(documents.navigation()))
    }

    @Test("quotation marks follow the book's language")
    func quotationMarks() {
        let french = Self.documents(language: "fr")
        #expect(french.contentDocument(french.chapters[1]).contains(">«Oui.»</span>"))
        let german = Self.documents(language: "de-AT")
        #expect(german.contentDocument(german.chapters[1]).contains(">„Oui.“</span>"))
    }

    @Test(
        "an overlay has one <par> per cue, clip times in milliseconds of the cue's samples; its duration is their sum")
    func overlay() {
        let documents = Self.documents()
        let overlay = documents.overlay(documents.chapters[0])
        #expect(WellFormed.check(overlay))
        #expect(overlay.components(separatedBy: "<par ").count - 1 == 5)
        // 1024 samples at 22050 Hz = 46.44 ms → 0:00:00.046; + 11025 samples (500 ms).
        #expect(
            overlay.contains(
                "<par id=\"par-s001-l001\"><text src=\"../text/chapter-001.xhtml#s001-l001\"/><audio src=\"../audio/scene-001.m4a\" clipBegin=\"0:00:00.046\" clipEnd=\"0:00:00.546\"/></par>"
            ))
        #expect(documents.duration(of: documents.chapters[0]) == 5 * 500)
        #expect(ReadAlongDocuments.clock(milliseconds: 3_723_004) == "1:02:03.004")
    }

    @Test("the stylesheet colours every speaker, and the active line on a tint of the speaker's colour")
    func stylesheet() {
        let css = Self.documents().stylesheet()
        for name in ["speaker-mr-darcy", "speaker-mr-darcy-2", "speaker-elodie"] {
            #expect(css.contains("span.\(name).\(ReadAlongDocuments.activeClass)"), "\(name)")
        }
        #expect(ReadAlongDocuments.colour(of: "Tessa") == ReadAlongDocuments.colour(of: "Tessa"))
    }

    @Test("a language tag is told from a locale name")
    func languageTags() {
        #expect(BookMetadata.isLanguageTag("en"))
        #expect(BookMetadata.isLanguageTag("fr-CA"))
        #expect(BookMetadata.isLanguageTag("pt_BR"))
        #expect(BookMetadata.isLanguageTag("zh-Hant-TW"))
        #expect(!BookMetadata.isLanguageTag("C"))
        #expect(!BookMetadata.isLanguageTag("POSIX"))
        #expect(!BookMetadata.isLanguageTag("C.UTF-8"))
        #expect(!BookMetadata.isLanguageTag(""))
    }
}

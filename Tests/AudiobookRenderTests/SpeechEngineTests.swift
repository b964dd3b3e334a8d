import AudiobookCore
import Testing

@testable import AudiobookRender

@Suite("espeak-ng engine")
struct SpeechEngineTests {
    @Test("speaks with espeak-ng: 22050 Hz samples and WORD events copied out")
    func speaks() throws {
        let engine = try SpeechEngine.shared()
        #expect(engine.sampleRate == 22050)
        let audio = try engine.speak(
            Utterance(text: "Hello there, Tessa.", voice: VoiceSettings(voice: "gmw/en-US", variant: "f3")))
        #expect(audio.samples.count > 11025)
        #expect(audio.samples.contains { abs(Int($0)) > 1000 })
        #expect(audio.events.filter { $0.kind == .word }.map(\.textPosition) == [1, 7, 14])
    }

    @Test("espeak-ng lists its voices and variants without MBROLA voices")
    func catalog() throws {
        let catalog = try SpeechEngine.shared().installedVoices()
        #expect(catalog.hasVoice("en-us"))
        #expect(catalog.hasVoice("en-gb"))
        #expect(catalog.hasVariant("f3"))
        #expect(!catalog.hasVariant("F3"))
        #expect(!catalog.voices.contains { $0.identifier.hasPrefix("mb/") })
        #expect(catalog.identifier(for: "en-gb") == "gmw/en")
    }

    @Test("an unknown voice is a typed error with espeak-ng's status")
    func unknownVoice() throws {
        #expect(
            throws: SpeechError.unknownVoice(
                name: "xx-nowhere", status: 0x1000_06FF, message: "The specified espeak-ng voice does not exist")
        ) {
            try SpeechEngine.shared().speak(Utterance(text: "Hi.", voice: VoiceSettings(voice: "xx-nowhere")))
        }
    }
}

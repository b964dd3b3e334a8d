import Testing

@testable import AudiobookCore

@Suite("Voice profiles and casting")
struct VoiceProfileTests {
    static let catalog = VoiceCatalog(
        voices: [
            .init(name: "English_(America)", language: "en-us", identifier: "gmw/en-US", gender: .male),
            .init(name: "English_(Great_Britain)", language: "en-gb", identifier: "gmw/en", gender: .male),
            .init(
                name: "English_(Scotland)", language: "en-gb-scotland", identifier: "gmw/en-GB-scotland", gender: .male),
        ],
        variants: ["f1", "f2", "f3", "f4", "f5"].map { .init(name: $0, description: $0, gender: .female) }
            + ["m1", "m2", "m3", "m4", "m5", "m6", "m7"].map { .init(name: $0, description: $0, gender: .male) })

    @Test("a valid profile reads every field")
    func valid() throws {
        let profile = try VoiceProfile(
            path: "Voices/Tessa.yaml",
            text: "voice: en-us\nvariant: f3\nrate: 170\npitch: 60\nrange: 40\nvolume: 120\nwordgap: 2\n",
            name: "Tessa", catalog: Self.catalog)
        #expect(
            profile.settings
                == VoiceSettings(
                    voice: "en-us", variant: "f3", rate: 170, pitch: 60, range: 40, volume: 120, wordGap: 2))
        #expect(profile.settings.espeakName == "en-us+f3")
    }

    @Test(
        "profile errors name the file, line, column and what is wrong",
        arguments: [
            (
                "voice: en-us\ncolour: red\n",
                "Voices/Tessa.yaml:2:1: error: unknown key 'colour' in a voice profile (expected one of: voice, variant, rate, pitch, range, volume, wordgap, lexicon)"
            ),
            ("voice: en-us\nrate: 600\n", "Voices/Tessa.yaml:2:7: error: 'rate' is 600, out of range 80–450"),
            ("voice: en-us\npitch: high\n", "Voices/Tessa.yaml:2:8: error: 'pitch' must be a whole number"),
            (
                "voice: en-uss\n",
                "Voices/Tessa.yaml:1:8: error: unknown espeak-ng voice 'en-uss' (closest installed: en-us, en-gb, en-gb-scotland)"
            ),
            (
                "voice: en-us\nvariant: F3\n",
                "Voices/Tessa.yaml:2:10: error: unknown espeak-ng variant 'F3' (closest installed: f3, f1, f2)"
            ),
            (
                "rate: 170\n",
                "Voices/Tessa.yaml:1:1: error: a voice profile needs 'voice:' (an espeak-ng voice such as en-us)"
            ),
            ("voice: en-us\nvolume: -5\n", "Voices/Tessa.yaml:2:9: error: 'volume' is -5, out of range 0–200"),
        ])
    func errors(_ text: String, _ message: String) {
        do {
            _ = try VoiceProfile(path: "Voices/Tessa.yaml", text: text, name: "Tessa", catalog: Self.catalog)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostic.description == message)
        }
    }

    func cast(
        _ speakers: [VoiceCasting.Speaker], library: VoiceLibrary = VoiceLibrary(folder: "Voices")
    ) throws -> VoiceCasting {
        try VoiceCasting(speakers: speakers, library: library, catalog: Self.catalog)
    }

    @Test("automatic voices are stable for a name, distinct, of the speaker's gender, and not the narrator's")
    func automatic() throws {
        let speakers: [VoiceCasting.Speaker] = [
            .init(name: "Tessa", gender: .female, lines: 30), .init(name: "Sasha", gender: .female, lines: 20),
            .init(name: "Rupert", gender: .male, lines: 10), .init(name: "Bob", gender: .male, lines: 9),
            .init(name: "Kit", gender: .unknown, lines: 3),
        ]
        let first = try cast(speakers)
        let second = try cast(speakers.reversed())
        for speaker in speakers { #expect(first.assignment(for: speaker.name) == second.assignment(for: speaker.name)) }
        let settings = speakers.map { first.assignment(for: $0.name).settings }
        #expect(Set(settings.map { "\($0.espeakName)/\($0.pitch)" }).count == speakers.count)
        #expect(settings[0].variant?.hasPrefix("f") == true && settings[1].variant?.hasPrefix("f") == true)
        #expect(settings[2].variant?.hasPrefix("m") == true && settings[3].variant?.hasPrefix("m") == true)
        let narrator = first.assignment(for: "narrator").settings
        #expect(!settings.contains { $0.espeakName == narrator.espeakName && $0.pitch == narrator.pitch })
        #expect(first.assignment(for: "Tessa").source == .automatic)
        #expect(first.assignment(for: "unknown").settings == narrator)
    }

    @Test("a profile named like the speaker wins; a cast voice must exist")
    func profiles() throws {
        var library = VoiceLibrary(folder: "Voices")
        library.profiles["Tessa"] = VoiceProfile(
            name: "Tessa", path: "Voices/Tessa.yaml", settings: VoiceSettings(voice: "en-gb", variant: "f5", pitch: 70))
        library.profiles["narrator"] = VoiceProfile(
            name: "narrator", path: "Voices/narrator.yaml", settings: VoiceSettings(voice: "en-gb", variant: "m3"))
        let casting = try cast(
            [.init(name: "Tessa", gender: .female, lines: 3), .init(name: "Sasha", lines: 1, castVoice: "Tessa")],
            library: library)
        #expect(casting.assignment(for: "Tessa").profile == "Tessa")
        #expect(casting.assignment(for: "Sasha").profile == "Tessa")
        #expect(casting.assignment(for: "narrator").source == .profile(path: "Voices/narrator.yaml"))
        do {
            _ = try VoiceCasting(
                speakers: [.init(name: "Tessa", castVoice: "ghost")], library: library, catalog: Self.catalog,
                castPath: "cast.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(
                error.diagnostic.description
                    == "error: cast.yaml gives Tessa the voice 'ghost', but Voices has no ghost.yaml")
        }
    }

    @Test("speaker names become safe file names")
    func fileNames() {
        #expect(VoiceLibrary.fileName(for: "Mr. Bennet") == "Mr. Bennet.yaml")
        #expect(VoiceLibrary.fileName(for: "../../etc/passwd") == "_.._etc_passwd.yaml")
        #expect(VoiceLibrary.fileName(for: "a\u{0}b") == "a_b.yaml")
    }
}

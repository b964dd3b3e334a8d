import Testing

@testable import AudiobookCore

/// Profiles found through a cast entry's aliases, and a book's language choosing its voices.
@Suite("Casting by alias and by language")
struct VoiceLanguageTests {
    static let catalog = VoiceCatalog(
        voices: ["en-gb", "en-us", "de", "fr-fr", "fr-be", "cmn", "ja"].map {
            VoiceCatalog.Voice(name: $0, language: $0, identifier: "x/\($0)", gender: .unknown)
        },
        variants: ["m1", "m2", "m3", "f1", "f2"].map {
            VoiceCatalog.Variant(name: $0, description: $0, gender: $0.hasPrefix("f") ? .female : .male)
        })

    func library(_ profiles: [String: VoiceSettings]) -> VoiceLibrary {
        var library = VoiceLibrary(folder: "Voices")
        for (name, settings) in profiles {
            library.profiles[name] = VoiceProfile(name: name, path: "Voices/\(name).yaml", settings: settings)
        }
        return library
    }

    @Test("a profile named after an alias is the speaker's, and the listing says why")
    func aliasProfile() throws {
        let library = library([
            "Marguerite": VoiceSettings(voice: "en-gb", variant: "f2"),
            "Theo": VoiceSettings(voice: "en-us", variant: "m1"),
        ])
        let casting = try VoiceCasting(
            speakers: [
                .init(
                    name: "Marguerite Okafor", gender: .female, lines: 10, aliases: ["Marguerite", "Aunt Marguerite"]),
                .init(name: "Theo Marsh", gender: .male, lines: 5, aliases: ["Theo"]),
                .init(name: "Dominic", gender: .male, lines: 7),
            ], library: library, catalog: Self.catalog)
        #expect(casting.assignment(for: "Marguerite Okafor").source == .profile(path: "Voices/Marguerite.yaml"))
        #expect(casting.assignment(for: "Marguerite Okafor").reason == "named after the alias Marguerite")
        #expect(casting.assignment(for: "Theo Marsh").profile == "Theo")
        #expect(casting.assignment(for: "Dominic").source == .automatic)
        #expect(casting.assignment(for: "Dominic").reason == "no Dominic.yaml in Voices")
    }

    @Test("an alias two speakers share, or a profile another speaker is named after, is no one's by alias")
    func ambiguousAlias() throws {
        let library = library(["Bennet": VoiceSettings(voice: "en-gb"), "Jane": VoiceSettings(voice: "en-us")])
        let casting = try VoiceCasting(
            speakers: [
                .init(name: "Mr. Bennet", lines: 3, aliases: ["Bennet"]),
                .init(name: "Mrs. Bennet", lines: 3, aliases: ["Bennet"]),
                .init(name: "Jane", lines: 2), .init(name: "Jane Fairfax", lines: 2, aliases: ["Jane"]),
            ], library: library, catalog: Self.catalog)
        #expect(casting.assignment(for: "Mr. Bennet").source == .automatic)
        #expect(casting.assignment(for: "Mrs. Bennet").source == .automatic)
        #expect(casting.assignment(for: "Jane").profile == "Jane")
        #expect(casting.assignment(for: "Jane Fairfax").source == .automatic)
    }

    @Test(
        "a book's language chooses the voices",
        arguments: [("de", "de"), ("fr", "fr-fr"), ("fr-BE", "fr-be"), ("zh", "cmn"), ("ja-JP", "ja")])
    func language(_ tag: String, _ voice: String) throws {
        let library = library(["narrator": VoiceSettings(voice: "en-gb", variant: "m3", rate: 160)])
        let casting = try VoiceCasting(
            speakers: [.init(name: "Anna", gender: .female, lines: 3)], library: library,
            catalog: Self.catalog, language: tag)
        #expect(casting.assignment(for: "Anna").settings.voice == voice)
        let narrator = casting.assignment(for: "narrator")
        #expect(narrator.settings.voice == voice)
        #expect(narrator.settings.variant == "m3")
        #expect(narrator.settings.rate == 160)
        #expect(narrator.reason.contains("its voice en-gb speaks another language than the book's \(tag), so \(voice)"))
    }

    @Test("an English book, or none given, keeps the English voices and the profiles as written")
    func english() throws {
        let library = library(["narrator": VoiceSettings(voice: "en-gb", variant: "m3")])
        for language in [nil, "en", "en-US"] {
            let casting = try VoiceCasting(
                speakers: [.init(name: "Anna", gender: .female, lines: 3)], library: library,
                catalog: Self.catalog, language: language)
            #expect(casting.assignment(for: "narrator").settings.voice == "en-gb")
            #expect(casting.assignment(for: "Anna").settings.voice.hasPrefix("en-"))
        }
    }
}

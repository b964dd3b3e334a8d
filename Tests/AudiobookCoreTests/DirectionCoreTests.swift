import Testing

@testable import AudiobookCore

@Suite("Lexicon and deliveries")
struct DirectionCoreTests {
    @Test("a lexicon holds respellings and phonemes; possessives and plurals follow their word, in any case")
    func lexiconEntries() throws {
        let lexicon = try Lexicon(path: "lexicon.yaml", text: "Hermione: her-MY-oh-nee\nSiobhan: \"[[S@v'O:n]]\"\n")
        #expect(lexicon.entry(for: "HERMIONE")?.entry.pronunciation == .respelling(["her", "MY", "oh", "nee"]))
        #expect(lexicon.entry(for: "Hermione's")?.ending == .possessive)
        #expect(lexicon.entry(for: "Siobhans")?.ending == .plural)
        #expect(lexicon.entry(for: "Siobhan")?.entry.pronunciation == .phonemes("S@v'O:n"))
        #expect(lexicon.entry(for: "Siobhan")?.entry.place == "lexicon.yaml:2")
        #expect(lexicon.entry(for: "Hermit") == nil)
        #expect(Lexicon.Ending.possessive.phonemes(after: "S@v'O:n") == "z")
        #expect(Lexicon.Ending.possessive.phonemes(after: "pat") == "s")
        #expect(Lexicon.Ending.plural.phonemes(after: "hOrs") == "Iz")
        #expect(Lexicon.words(in: "Tessa's dog-house, O'Brien.").map(\.word) == ["Tessa's", "dog", "house", "O'Brien"])
    }

    @Test(
        "a bad lexicon entry is an error at its line and column",
        arguments: [
            ("Hermione: her MY\n", "lexicon.yaml:1:11: error: 'her MY' is neither a respelling"),
            ("two words: x\n", "lexicon.yaml:1:1: error: 'two words' is not one word"),
            ("Niamh: \"[[ni:v\"\n", "lexicon.yaml:1:8: error: phonemes for 'Niamh' must be written [[…]]"),
            ("- Hermione\n", "lexicon.yaml:1:1: error: a lexicon must be a mapping"),
            ("Anna: an-NA\nanna: AN-na\n", "lexicon.yaml:2:1: error: 'anna' is in the lexicon twice"),
        ])
    func lexiconErrors(text: String, message: String) {
        #expect {
            _ = try Lexicon(path: "lexicon.yaml", text: text)
        } throws: { error in
            (error as? ConfigError)?.diagnostic.description.hasPrefix(message) == true
        }
    }

    @Test(
        "a tag's verb (any form) or adverb gives a delivery; a line in capitals is shouted; an interrupted speech keeps its tag's"
    )
    func deliveriesFromTags() throws {
        let text = """
            "Someone is on the stairs," she whispered.

            "Get out!" cried Jonah, and he slammed the door.

            "Wait," Tessa said softly, "wait for me."

            "I know," said Tessa. "I always knew."

            "STOP THAT AT ONCE!"

            She was sobbing now: "Why?"

            "Is it far?" he asked.

            "Fine," said Tessa, smiling.
            """
        let script = try makeScript(text)
        let deliveries = script.dialogue.map { "\($0.text)=\($0.delivery ?? "-")" }
        #expect(
            deliveries == [
                "Someone is on the stairs,=whispered", "Get out!=exclaimed", "Wait,=whispered",
                "wait for me.=whispered", "I know,=-", "I always knew.=-", "STOP THAT AT ONCE!=shouted",
                "Why?=sobbed", "Is it far?=asked", "Fine,=-",
            ], "\(deliveries)")
    }

    @Test("a delivery mark round-trips through the text script and its JSON; a bad mark is an error at its line")
    func deliveryMarksRoundTrip() throws {
        let script = try makeScript("\"Hush,\" she whispered.\n\n\"Now!\" roared Ben.\n")
        let text = ScriptTextFormatter().format(script)
        #expect(text.contains("\"Hush,\" {whispered}  ? unknown 0.00  ["), "\(text)")
        #expect(text.contains("\"Now!\" {shouted}  ["), "\(text)")
        let parsed = try ScriptTextParser.parse(text, path: "book.script")
        #expect(parsed.dialogue.map(\.delivery) == ["whispered", "shouted"])
        let json = try ScriptJSON.encode(script)
        #expect(String(decoding: json, as: UTF8.self).contains("\"delivery\" : \"whispered\""))
        #expect(try ScriptJSON.decode(json).dialogue.map(\.delivery) == ["whispered", "shouted"])
        let edited = text.replacingOccurrences(of: "{whispered}", with: "{Whispered!}")
        #expect {
            _ = try ScriptTextParser.parse(edited, path: "book.script")
        } throws: { error in
            (error as? ConfigError)?.diagnostic.description.contains("error: a delivery mark must read {NAME}") == true
        }
    }

    @Test("delivery.yaml changes a built-in delivery and adds one; each change applies to the speaker's own voice")
    func deliveryFile() throws {
        let table = try DeliveryTable(
            path: "delivery.yaml",
            text:
                "whispered:\n  verbs: [breathe]\n  volume: 30%\nsang:\n  verbs: [sing, sang]\n  rate: 80%\n  pitch: +10\n"
        )
        #expect(table.delivery(forTag: ["she", "sang"]) == "sang")
        #expect(table.delivery(forTag: ["she", "whispered"]) == nil, "the file's whispered replaces the built-in one")
        #expect(table.delivery(forTag: ["she", "breathed"]) == "whispered")
        let voice = VoiceSettings(voice: "en-us", variant: "f3", rate: 170, pitch: 60, volume: 80)
        let sung = try #require(table.delivery(named: "sang")).apply(to: voice, female: true)
        #expect(sung.rate == 136 && sung.pitch == 70 && sung.volume == 80 && sung.variant == "f3")
        let whisper = try #require(DeliveryTable.builtIn.delivery(named: "whispered"))
        #expect(whisper.apply(to: voice, female: true).variant == "whisperf")
        #expect(whisper.apply(to: voice, female: false).variant == "whisper")
        #expect {
            _ = try DeliveryTable(path: "delivery.yaml", text: "loud:\n  volume: 150\n")
        } throws: { error in
            (error as? ConfigError)?.diagnostic.description
                == "delivery.yaml:2:11: error: 'volume' must be a percentage of the speaker's own (50%)"
        }
    }

    @Test("the book's words: names, and words capitalised inside a sentence, most frequent first")
    func bookWords() throws {
        let script = try makeScript(
            "\"Come to Kirkwall,\" said Tessa. The boat was late.\n\n\"Kirkwall is far,\" said Tessa. Then the Ferry left.\n"
        )
        let words = BookWords.words(of: script)
        #expect(words.first.map { [$0.word, "\($0.count)"] } == ["Kirkwall", "2"] || words.first?.word == "Tessa")
        #expect(words.contains { $0.word == "Tessa" && $0.isName })
        #expect(words.contains { $0.word == "Ferry" && !$0.isName })
        #expect(!words.contains { ["The", "Then", "Come"].contains($0.word) })
    }
}

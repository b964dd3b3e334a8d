import Foundation
import Testing

@testable import AudiobookCore

/// Each exchange decided as a whole.
@Suite("Stage: the exchange decoder")
struct ExchangeDecoderStageTests {
    @Test("an exchange is decided as a whole: no one speaks before the scene brings them in")
    func exchangeDecodedWhole() throws {
        let script = try AttributionCase("exchange-decoded-whole").script()
        #expect(speaker(of: "It is always late", in: script) == "Tessa")
        #expect(speaker(of: "Not like this", in: script) == "Sasha")
        #expect(speaker(of: "What are you two", in: script) == "Mara")
        #expect(speaker(of: "It is only late", in: script) == "Mara")
    }

    @Test("a pronoun goes to someone the exchange shows present, not to someone only talked about")
    func pronounPrefersPresent() throws {
        let script = try AttributionCase("pronoun-prefers-present").script()
        #expect(speaker(of: "Six baskets?", in: script) == "Sasha")
        #expect(speaker(of: "Six.", in: script) == "Tom")
    }

    @Test("a thought takes no turn in the exchange")
    func thoughtTakesNoTurn() throws {
        let script = try AttributionCase("thought-takes-no-turn").script()
        #expect(speaker(of: "Milk?", in: script) == "Sasha")
    }

    @Test("\"sir\" in the answer says the one answered is a man, whom the alternation would not pick")
    func addressedGender() throws {
        let script = try AttributionCase("addressed-gender").script()
        #expect(speaker(of: "Who carried him up?", in: script) == "Mr. Losberne")
    }

    @Test("how each character talks, learnt from their named lines, decides turns the structure gets wrong")
    func speakingStyleDecides() throws {
        let script = try AttributionCase("speaking-style-decides").script()
        #expect(speaker(of: "Facts are wanted here", in: script) == "Mr. Gradgrind")
        #expect(speaker(of: "Thith ith all the thow", in: script) == "Sleary")
        #expect(speaker(of: "Nothing but facts will do", in: script) == "Mr. Gradgrind")
    }

    @Test("a speaking style knows only characters with enough named speech, and scores their own words higher")
    func speakingStyleModel() throws {
        let lisp = Array(repeating: Token.tokenize("Thith ith a fine thow, and the horthes are the betht!"), count: 10)
            .map(SpeakingStyles.words(of:))
        let plain = Array(
            repeating: Token.tokenize("Facts alone are wanted in life, and nothing else will do."), count: 10
        ).map(SpeakingStyles.words(of:))
        let styles = SpeakingStyles(
            all: lisp + plain,
            named: lisp.map { (speaker: CharacterID(1), words: $0) }
                + plain.map { (speaker: CharacterID(2), words: $0) } + [(speaker: CharacterID(3), words: ["well"])],
            weights: AttributionWeights.Styles())
        let line = SpeakingStyles.words(of: Token.tokenize("It ith the betht thow!"))
        #expect(styles.knows(CharacterID(1)) && styles.knows(CharacterID(2)) && !styles.knows(CharacterID(3)))
        #expect(styles.logLikelihood(of: line, by: CharacterID(3)) == nil)
        #expect(
            try #require(styles.logLikelihood(of: line, by: CharacterID(1))) > #require(
                styles.logLikelihood(of: line, by: CharacterID(2))))
    }

    @Test("narration that goes on about the speaker by pronoun hands them the next \"said he\"")
    func speakerGoesOnActing() throws {
        let script = try AttributionCase("speaker-goes-on-acting").script()
        #expect(speaker(of: "When I first wrote", in: script) == "Mr. Thaddeus Sholto")
    }

    @Test("someone named inside a quotation is not taken as its speaker")
    func namedInsideQuotation() throws {
        let script = try AttributionCase("named-inside-quotation").script()
        #expect(speaker(of: "Mr. Bingley is not", in: script) == "Mr. Darcy")
    }

    @Test(
        "what the decoder saw of an exchange: its candidates, and per paragraph each one's features and the quotation's place"
    )
    func decoderExamples() throws {
        let attribution = AttributionCase("exchange-decoded-whole")
        let text = try attribution.text
        let manuscript = try Manuscript(path: "case.txt", bytes: Array(text.utf8))
        let kept = ScriptBuilder().scriptKeepingDecoderExamples(for: manuscript)
        let examples = kept.decoderExamples
        let example = try #require(examples.first)
        #expect(Set(["Tessa", "Sasha", "Mara"]).isSubset(of: Set(example.candidates)))
        let script = ScriptBuilder().script(for: manuscript)
        for paragraph in example.paragraphs {
            #expect(paragraph.emission.count == example.candidates.count)
            #expect(paragraph.transition.allSatisfy { $0.count == 4 })
            let quote = try #require(paragraph.quotes.first)
            #expect(script.dialogue.contains { $0.start == quote[0] && $0.end == quote[1] })
            // A fixed paragraph has no features; an open one has, and names only known features.
            for features in paragraph.emission {
                if paragraph.anchor != nil { #expect(features.isEmpty) }
                #expect(features.keys.allSatisfy { AttributionWeights.Decoder.Feature(rawValue: $0) != nil })
            }
        }
        #expect(example.paragraphs.contains { $0.anchor == nil && $0.emission.contains { !$0.isEmpty } })
        // Keeping the examples changes nothing the script says.
        #expect(kept.script == script)
    }

    @Test(
        "a weights file replaces the decoder weights it names; an unknown name or a non-number is an error at its line")
    func weightsFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("weights-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func file(_ text: String) throws -> String {
            let path = folder.appendingPathComponent("w.json").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let weights = try AttributionWeights(
            contentsOf: try file(#"{"decoder": {"present": 9.5, "guess": 0}, "fitted on": ["A"]}"#))
        #expect(weights.decoder.present == 9.5)
        #expect(weights.decoder.guessScale == 0)
        #expect(weights.decoder.repeatAdjacent == AttributionWeights().decoder.repeatAdjacent)
        let unknown = try file("{\n  \"decoder\": {\n    \"presence\": 1\n  }\n}\n")
        #expect(throws: ConfigError.self) { try AttributionWeights(contentsOf: unknown) }
        do {
            _ = try AttributionWeights(contentsOf: unknown)
        } catch let error as ConfigError {
            #expect(error.diagnostic.description.hasPrefix("\(unknown):3: error: unknown decoder weight \"presence\""))
        }
        let notNumber = try file(#"{"decoder": {"present": true}}"#)
        do {
            _ = try AttributionWeights(contentsOf: notNumber)
            Issue.record("a boolean weight was read")
        } catch let error as ConfigError {
            #expect(error.diagnostic.description.contains("\"present\" is not a number"))
        }
        // The weights decide: a decoder that weighs nothing but a huge bias against being present
        // decides differently from the shipped one, or the weights would not reach it.
        var attributor = SpeakerAttributor()
        attributor.weights = try AttributionWeights(
            contentsOf: try file(#"{"decoder": {"present": -50, "guess": -50}}"#))
        let shipped = try AttributionCase("pronoun-prefers-present").script()
        let changed = try AttributionCase("pronoun-prefers-present").script(attributor: attributor)
        #expect(speakers(shipped) != speakers(changed))
    }
}

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
}

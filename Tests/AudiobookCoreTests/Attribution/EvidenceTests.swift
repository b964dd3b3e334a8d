import Foundation
import Testing

@testable import AudiobookCore

/// What is known before any speaker is chosen.
@Suite("Evidence: characters, names, casts and vocatives")
struct EvidenceTests {
    @Test("aliases merge: Mr. Darcy and Darcy, Elizabeth Bennet and Elizabeth, Lizzy")
    func aliases() throws {
        let script = try AttributionCase("aliases").script()
        let elizabeth = try #require(
            script.characters.first { $0.aliases.contains("Elizabeth Bennet") || $0.name == "Elizabeth Bennet" })
        #expect(Set([elizabeth.name] + elizabeth.aliases).isSuperset(of: ["Elizabeth", "Elizabeth Bennet", "Lizzy"]))
        #expect(elizabeth.gender == .female)
        #expect(elizabeth.lines == 2)
        let darcy = try #require(script.characters.first { $0.name.contains("Darcy") })
        #expect(Set([darcy.name] + darcy.aliases) == ["Mr. Darcy", "Darcy"])
        #expect(darcy.gender == .male)
        #expect(script.characters.first { $0.name == "Mrs. Bennet" }?.gender == .female)
    }

    @Test("a name keeps its lower-case particles (van der, de), and a pet name is not a titled person's")
    func nameParticles() throws {
        let script = try makeScript(
            """
            Mr. van der Luyden and Lady Catherine de Bourgh came in with Kitty.

            "We are late," said Mr. van der Luyden.

            "Not at all," said Lady Catherine de Bourgh.

            "I am hungry," said Kitty.

            """)
        #expect(
            speakers(script) == [
                "Mr. van der Luyden: We are late,", "Lady Catherine de Bourgh: Not at all,", "Kitty: I am hungry,",
            ])
        #expect(!script.characters.contains { $0.name == "Luyden" })
    }

    @Test("a cast file fixes names, aliases, gender and the point-of-view character")
    func cast() throws {
        let script = try AttributionCase("cast").script()
        #expect(speakers(script) == ["Tessa Moreau: Hello,", "Jake Barnes: Hello,"])
        #expect(script.characters.map(\.name) == ["Jake Barnes", "Tessa Moreau"])
    }

    @Test("with a cast, speakers are chosen among its characters only")
    func castOnly() throws {
        let script = try makeScript(
            "\"Hi,\" said Stranger Danger.\n\n\"Hello,\" said Tessa.\n", cast: "characters:\n  - name: Tessa\n")
        #expect(script.dialogue.allSatisfy { $0.speaker == "Tessa" || $0.speaker == "unknown" })
        #expect(speaker(of: "Hello", in: script) == "Tessa")
    }

    @Test("with a cast, a one-word entry that is part of a fuller entry is read as that person")
    func castBareNameEntry() throws {
        let script = try AttributionCase("cast-bare-name-entry").script()
        #expect(speaker(of: "Nobody works today", in: script) == "Josiah Grundle")
        #expect(speaker(of: "Then nobody eats", in: script) == "James Harthby")
    }

    @Test("a family name said to someone means the one of that family the scene brings in")
    func familyNameAddressee() throws {
        let script = try AttributionCase("family-name-addressee").script()
        #expect(speaker(of: "A little.", in: script) == "Elizabeth")
        #expect(speaker(of: "Oh! then", in: script) == "Lady Catherine")
    }

    @Test("a participle or adverb opening a sentence is not taken for a name")
    func participleIsNoName() throws {
        let script = try AttributionCase("participle-is-no-name").script()
        #expect(script.dialogue.first?.speaker != "Judging")
        #expect(!script.characters.contains { $0.name == "Judging" })
    }

    @Test("a name addresses someone at the start or end of a clause, not inside one nor as a one-word answer")
    func vocativePositions() {
        func addressed(_ text: String) -> [String] { Vocatives.names(in: Token.tokenize(text)).map(\.form) }
        #expect(addressed("Oh, my dear Jane, how glad I am!") == ["Jane"])
        #expect(addressed("You are late, Mr. Darcy.") == ["Mr. Darcy"])
        #expect(addressed("I was thinking of my dear Wickham all day.").isEmpty)
        #expect(addressed("Bingley.").isEmpty)
        #expect(addressed("Bingley!") == ["Bingley"])
    }

    @Test("every dialogue line has a speaker, a rule and a confidence")
    func everyLineDecided() throws {
        let script = try makeScript(try fixture("conversation.txt"))
        for line in script.dialogue {
            #expect(!line.speaker.isEmpty)
            #expect(line.rule != nil)
            #expect((0...1).contains(line.confidence ?? -1))
        }
    }
}

import Foundation
import Testing

@testable import AudiobookCore

/// Tags name, point to or describe the speaker; pronouns and descriptions are resolved against the conversation.
@Suite("Stage: explicit tags (speech-verb, first-person, pronoun, description)")
struct ExplicitTagStageTests {
    @Test(
        "speech tags after, before and inside the quotation",
        arguments: [
            ("\"Go,\" said Tessa.", "Tessa"),
            ("\"Go,\" Tessa said.", "Tessa"),
            ("\"Go!\" Tessa exclaims, grinning.", "Tessa"),
            ("\"Go,\" Tessa whispered softly.", "Tessa"),
            ("Tessa turned to the door and said, \"Go.\"", "Tessa"),
            ("\"Go,\" returned Tessa.", "Tessa"),
            ("\"Go,\" Tessa went on.", "Tessa"),
            ("\"Go,\" replied Mr. Bennet.", "Mr. Bennet"),
            ("\"Go,\" remarked skeptical Tessa.", "Tessa"),
            // A verb in the tag's place speaks, whatever it is; a relative pronoun stands for the name before it.
            ("\"Go,\" rippled Tessa.", "Tessa"),
            ("\"Go,\" Tessa apologised.", "Tessa"),
            ("Tessa looked hard at Mr. Bennet, who said, \"Go.\"", "Mr. Bennet"),
            // A long sentence leading into the next paragraph's quotation: its last clause holds the tag.
            (
                "After the dance, when the music had stopped and the room had grown quiet and warm again, Tessa looked about her; and soon afterwards Mr. Bennet, walking up to the window, said to her--\n\n\"Go.\"",
                "Mr. Bennet"
            ),
        ])
    func speechTags(_ text: String, _ expected: String) throws {
        let script = try makeScript("Tessa and Mr. Bennet stood there. Mr. Bennet was tall.\n\n\(text)\n")
        let line = try #require(script.dialogue.first)
        #expect(line.speaker == expected)
        #expect(line.rule == "speech-verb")
        #expect((line.confidence ?? 0) >= 0.9)
    }

    @Test("narration between two quotations may hold the tag of each; one leading into a quotation is its own")
    func tagsBetweenQuotations() throws {
        let twoTags = try makeScript(
            """
            Tessa and Mr. Bennet stood there.

            "Painters?" asked Tessa, in a tone of doubt; and Mr. Bennet said to her, with a smile: "They are good fellows."

            """)
        #expect(speakers(twoTags) == ["Tessa: Painters?", "Mr. Bennet: They are good fellows."])
        let leadIns = try makeScript(
            """
            Tessa and Mr. Bennet stood there.

            Tessa said, "Are you in town for long?" Mr. Bennet said, "Have you a light?"

            """)
        #expect(speakers(leadIns) == ["Tessa: Are you in town for long?", "Mr. Bennet: Have you a light?"])
        // After a full stop the sentence that follows is no tag for an unknown verb: "Tessa winced" is her reaction.
        let reaction = try makeScript("Tessa and Mr. Bennet stood there.\n\n\"You fool!\" Tessa winced.\n")
        #expect(reaction.dialogue.first?.rule != "speech-verb")
    }

    @Test("with a cast, a description in the tag's place is an entry of that name, with or without its article")
    func castDescriptions() throws {
        let cast =
            "characters:\n  - name: The Vicar\n    gender: male\n  - name: Nanny\n    gender: female\n  - name: Tessa\n"
        let script = try makeScript(
            """
            The vicar and Tessa stood in the church with nanny.

            "Amen," said the vicar.

            "Hush," said nanny.

            """, cast: cast)
        #expect(speakers(script) == ["The Vicar: Amen,", "Nanny: Hush,"])
        #expect(script.dialogue.allSatisfy { $0.rule == "speech-verb" })
    }

    @Test("speech verbs come with their inflections")
    func verbInflections() {
        for word in [
            "said", "says", "saying", "cried", "cries", "replied", "whispers", "whispered", "exclaims",
            "muttered", "asked", "begged", "sobbed", "observed", "returned", "continued",
        ] {
            #expect(SpeechVerbs.base(of: word) != nil, "\(word)")
        }
        #expect(SpeechVerbs.base(of: "table") == nil)
    }

    @Test("a quotation split by its tag is two lines of one speaker")
    func splitQuotation() throws {
        let script = try makeScript("\"Last night,\" said Tessa, \"was something.\"\n")
        #expect(speakers(script) == ["Tessa: Last night,", "Tessa: was something."])
    }

    @Test("a pronoun resolves to the nearest character of that gender")
    func pronouns() throws {
        let script = try AttributionCase("pronouns").script()
        #expect(speakers(script) == ["Mr. Bennet: Sit down,", "Tessa: Thank you,"])
        #expect(script.dialogue.allSatisfy { $0.rule == "pronoun" })
    }

    @Test("`I say` is the narrator in a first-person book")
    func firstPerson() throws {
        let script = try AttributionCase("first-person").script()
        #expect(speakers(script) == ["Tessa: You're late,", "narrator: I know,"])
        #expect(script.dialogue.last?.rule == "first-person")
    }

    @Test("a narration paragraph ending with a comma leads into the next paragraph's quotation")
    func leadInParagraph() throws {
        let script = try AttributionCase("lead-in-paragraph").script()
        let line = try #require(script.dialogue.last)
        #expect(line.speaker == "Mr. Bennet")
        #expect(line.rule == "speech-verb")
    }

    @Test("the second part of a split quotation takes the tag between the parts, not a sentence after it")
    func splitQuotationTagBetween() throws {
        let script = try AttributionCase("split-quotation-tag-between").script()
        #expect(speakers(script) == ["Tessa: It keeps him in good humour,", "Tessa: and I am obliged to you."])
    }

    @Test("a pronoun tag skips names after a preposition and looks to the narration since the last quotation")
    func pronounContext() throws {
        let script = try AttributionCase("pronoun-context").script()
        #expect(speaker(of: "I am sure", in: script) == "Mrs. Bennet")
        #expect(speaker(of: "It seems likely", in: script) == "Mrs. Gardiner")
        #expect(script.dialogue.first { $0.text.hasPrefix("I am sure") }?.rule == "pronoun")
    }

    @Test("a pronoun tag answers to the name the previous speaker addressed")
    func pronounAddressed() throws {
        let script = try AttributionCase("pronoun-addressed").script()
        #expect(speaker(of: "It ought to be good", in: script) == "Mr. Darcy")
    }

    @Test("the one a tag says is spoken to answers: said Mr. Bumble to Oliver")
    func tagAddressee() throws {
        let script = try AttributionCase("tag-addressee").script()
        #expect(speaker(of: "Yes, sir?", in: script) == "Oliver")
    }

    @Test("a quotation's own tag names its speaker, not the tag between it and the paragraph's first quotation")
    func twoSpeakersInOneParagraph() throws {
        let script = try AttributionCase("two-speakers-in-one-paragraph").script()
        #expect(speaker(of: "We did not expect", in: script) == "Rose")
        #expect(speaker(of: "They will join", in: script) == "Mr. Losberne")
    }

    @Test("\"replied that\" and a verb with an object report speech: no tag for the quotation before")
    func reportedSpeechIsNoTag() throws {
        let script = try AttributionCase("reported-speech-is-no-tag").script()
        #expect(speaker(of: "Is it true?", in: script) == "Mr. Bennet")
    }

    @Test("with a cast, a descriptive tag that is a listed alias names its character")
    func castDescriptionAlias() throws {
        let script = try AttributionCase("cast-description-alias").script()
        #expect(speaker(of: "Hold your tongue", in: script) == "Mr. Bumble")
    }

    @Test("with a cast, a description with the words that tell the person apart names its character")
    func castLongDescription() throws {
        let script = try AttributionCase("cast-long-description").script()
        #expect(speaker(of: "That boy will be hung", in: script) == "The Gentleman In The White Waistcoat")
        // Never cut short of its noun: "the young girl" is not "the young" (Young Thomas).
        #expect(speaker(of: "Not today", in: script) != "Young Thomas")
    }

    @Test(
        "with a cast, a description matches an entry described the same way, and 'the man' later in the scene is the same person"
    )
    func castDescribedEntry() throws {
        let script = try AttributionCase("cast-described-entry").script()
        #expect(speaker(of: "What do you want?", in: script) == "The Hump-backed Man")
        #expect(speaker(of: "Go away", in: script) == "The Hump-backed Man")
    }

    @Test("a relational description names the spouse or parent by the possessor's surname")
    func relationalDescription() throws {
        let script = try AttributionCase("relational-description").script()
        #expect(speaker(of: "My dear", in: script) == "Mrs. Bennet")
        #expect(script.dialogue.first?.rule == "description")
    }

    @Test(
        "\"her mother\" after a name said to someone is the mother of the one addressed, in both parts of the quotation"
    )
    func relativeOfAddressee() throws {
        let script = try AttributionCase("relative-of-addressee").script()
        #expect(speaker(of: "Lizzy,", in: script) == "Mrs. Bennet")
        #expect(speaker(of: "remember where", in: script) == "Mrs. Bennet")
    }

    @Test(
        "an epithet is not the one who talks with it, and a cast's entry of that name yields where the epithet is learnt",
        arguments: [false, true])
    func epithetNotItsPartner(withCast: Bool) throws {
        let script = try AttributionCase("epithet-not-its-partner").script(withCast: withCast)
        for word in ["Better", "Worse", "Sleeping", "Fever"] {
            #expect(speaker(of: word, in: script) == "Mr. Hale", "\(word)")
        }
    }

    @Test("an epithet stands for a stranger the next scene names")
    func epithetNamedInNextScene() throws {
        let script = try AttributionCase("epithet-named-in-next-scene").script()
        #expect(speaker(of: "Where is the boy?", in: script) == "Mr. Losberne")
    }

    @Test("an epithet stands for its character in a scene that names no one else who could be meant")
    func epithetAsLastResort() throws {
        let script = try AttributionCase("epithet-as-last-resort").script()
        let line = try #require(script.dialogue.first { $0.text.hasPrefix("Bill, where is the boy?") })
        #expect(line.speaker == "Nancy")
        #expect(line.rule == "description")
    }

    @Test("an epithet stands for the character whose named tags share its scenes")
    func epithets() throws {
        let script = try AttributionCase("epithets").script()
        let lines = script.dialogue.filter { $0.text.hasPrefix("He will sleep") }
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.speaker == "Mr. Losberne" && $0.rule == "description" })
    }
}

import Foundation
import Testing

@testable import AudiobookCore

/// A speaker who gives their own name.
@Suite("Stage: self-named speakers")
struct SelfNamedStageTests {
    @Test("a speaker who gives their own name is that character, whatever the tag calls them")
    func selfNamed() throws {
        let script = try AttributionCase("self-named").script()
        let line = try #require(script.dialogue.first { $0.text.hasPrefix("That is my name") })
        #expect(line.speaker == "Mr. Thaddeus Sholto")
        #expect(line.rule == "self-named")
        #expect(
            Vocatives.ownName(in: Token.tokenize("My name is Oliver, sir."), saysThatIsMyName: false)?.form == "Oliver")
        #expect(Vocatives.ownName(in: Token.tokenize("You may call me Anne."), saysThatIsMyName: false)?.form == "Anne")
        #expect(Vocatives.ownName(in: Token.tokenize("I am Alice's friend."), saysThatIsMyName: false) == nil)
    }
}

import Foundation
import Testing

@testable import AudiobookCore

/// A first-person narrator whom others name.
@Suite("Stage: naming the scene's narrator")
struct SceneNarratorStageTests {
    @Test("a first-person narrator is named per scene when another character addresses them")
    func narratorNamedPerScene() throws {
        let script = try AttributionCase("narrator-named-per-scene").script()
        #expect(
            speakers(script) == ["narrator: Sasha,", "Sasha: You came,", "Tessa: Great show, Sasha!", "Sasha: Thanks,"])
    }

    @Test("a name said to someone else whom the narrator does not answer does not name the narrator")
    func narratorNotNamedByOthersAddress() throws {
        let script = try AttributionCase("narrator-not-named-by-others-address").script()
        #expect(speaker(of: "It is raining again", in: script) == "narrator")
    }
}

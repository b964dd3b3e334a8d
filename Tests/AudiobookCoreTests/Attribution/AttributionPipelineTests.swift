import Foundation
import Testing

@testable import AudiobookCore

/// The pipeline as a whole: every fixture's script against its golden, and every stage deciding
/// something on its own fixture (the script differs without it).
@Suite("Attribution pipeline")
struct AttributionPipelineTests {
    @Test("the stages run in the declared order")
    func order() {
        #expect(
            SpeakerAttributor().stageNames == [
                "ExplicitTagStage", "SelfNamedStage", "ContinuedQuotationStage", "SameParagraphStage",
                "ActionBeatStage",
                "HandOffStage", "TurnTakingStage", "SalienceStage", "ExchangeDecoderStage", "SceneNarratorStage",
            ])
    }

    @Test(
        "each fixture's text script is its golden (UPDATE_GOLDENS=1 swift test rewrites them)",
        arguments: AttributionCase.all)
    func golden(_ fixture: AttributionCase) throws {
        let script = try fixture.scriptText()
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] != nil {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/attribution/\(fixture.name).script.txt")
            try script.write(to: source, atomically: true, encoding: .utf8)
            return
        }
        let golden = try fixture.goldenScript
        #expect(script == golden, "\(fixture.name): \(firstDifference(script, golden))")
    }

    /// Each stage and a fixture whose script it changes.
    static let stageFixtures: [(String, String)] = [
        ("ExplicitTagStage", "pronouns"), ("SelfNamedStage", "self-named"),
        ("ContinuedQuotationStage", "continued-quotation"),
        ("SameParagraphStage", "same-paragraph"), ("ActionBeatStage", "action-beat"), ("HandOffStage", "vocatives"),
        ("TurnTakingStage", "turn-taking"), ("SalienceStage", "salience"),
        ("ExchangeDecoderStage", "exchange-decoded-whole"),
        ("SceneNarratorStage", "narrator-named-per-scene"),
    ]

    @Test("every stage decides something on its fixture: without it the script differs", arguments: stageFixtures)
    func ablation(_ stage: String, _ fixture: String) throws {
        let attributor = SpeakerAttributor()
        #expect(attributor.stageNames.contains(stage))
        let full = try AttributionCase(fixture).scriptText(attributor: attributor)
        let without = try AttributionCase(fixture).scriptText(attributor: attributor.without(stage))
        #expect(full != without, "\(stage) changes nothing on \(fixture)")
    }

    func firstDifference(_ a: String, _ b: String) -> String {
        let left = a.split(separator: "\n", omittingEmptySubsequences: false)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, (x, y)) in zip(left, right).enumerated() where x != y { return "line \(index + 1): \(x) ≠ \(y)" }
        return "lengths \(left.count) ≠ \(right.count)"
    }
}

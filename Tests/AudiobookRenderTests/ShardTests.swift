import AudiobookCore
import Testing

@testable import AudiobookRender

@Suite("Shards of a render")
struct ShardTests {
    /// Scenes whose speech is `sizes` characters long.
    static func plans(_ sizes: [Int]) -> [ScenePlan] {
        sizes.enumerated().map { index, size in
            let line = ScriptLine(
                speaker: "narrator", kind: .narration, text: String(repeating: "a", count: size), start: 0, end: 0,
                sourceLine: 1)
            return ScenePlan(
                index: index + 1, chapter: nil, fileName: ScenePlan.fileName(forScene: index + 1),
                lines: [
                    ScenePlan.Line(
                        number: 1, line: line, profile: "narrator",
                        utterance: Utterance(text: line.text, voice: VoiceSettings(voice: "en-us")), pauseBefore: 0)
                ], pauseAfter: 0)
        }
    }

    @Test("K/N, auto/N from a Kubernetes Indexed Job or GNU parallel, auto from a Slurm array")
    func specifications() throws {
        #expect(try Shard("2/5", environment: [:]) == Shard(index: 2, count: 5))
        #expect(try Shard("auto/3", environment: ["JOB_COMPLETION_INDEX": "0"]) == Shard(index: 1, count: 3))
        #expect(try Shard("auto/3", environment: ["PARALLEL_SEQ": "3"]) == Shard(index: 3, count: 3))
        #expect(
            try Shard("auto", environment: ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "4"])
                == Shard(index: 2, count: 4))
    }

    @Test("a wrong --shard, or an engine's variable missing, is an error that says what to give")
    func wrongSpecifications() {
        #expect(
            throws: Shard.SpecificationError(
                description: "--shard 4/3: shard 4 of 3 does not exist (K runs from 1 to N)")
        ) {
            try Shard("4/3", environment: [:])
        }
        #expect(throws: Shard.SpecificationError(description: "--shard two: expected K/N, auto/N or auto")) {
            try Shard("two", environment: [:])
        }
        #expect(throws: Shard.SpecificationError(description: "--shard auto/3: PARALLEL_SEQ=x is not a number")) {
            try Shard("auto/3", environment: ["PARALLEL_SEQ": "x"])
        }
        #expect(throws: Shard.SpecificationError.self) { try Shard("auto/3", environment: [:]) }
        #expect(
            throws: Shard.SpecificationError(
                description: "--shard auto/3: shard 4 of 3 does not exist (K runs from 1 to N)")
        ) {
            try Shard("auto/3", environment: ["JOB_COMPLETION_INDEX": "3"])
        }
    }

    @Test("the split covers every scene once, in order, balanced by the amount of speech")
    func split() {
        let plans = Self.plans([100, 100, 100, 100, 400, 100, 100])
        let shards = Shard.split(plans, count: 3)
        #expect(shards == [0..<3, 3..<5, 5..<7])
        #expect(shards.map(\.count).reduce(0, +) == plans.count)
        #expect(Shard(index: 2, count: 3).scenes(of: plans) == 3..<5)
        // One shard: everything; more shards than scenes: some are empty, none overlap.
        #expect(Shard.split(plans, count: 1) == [0..<7])
        let many = Shard.split(Self.plans([10, 10]), count: 4)
        #expect(many.flatMap { Array($0) } == [0, 1])
    }

    @Test("the split of a book is the same whatever else is known: it depends on the text alone")
    func deterministic() {
        let sizes = (1...40).map { ($0 * 7919) % 1000 + 50 }
        #expect(Shard.split(Self.plans(sizes), count: 6) == Shard.split(Self.plans(sizes), count: 6))
        let shares = Shard.split(Self.plans(sizes), count: 4).map { range in range.reduce(0) { $0 + sizes[$1] } }
        let total = sizes.reduce(0, +)
        #expect(shares.allSatisfy { abs($0 - total / 4) < 1050 }, "\(shares) of \(total)")
    }
}

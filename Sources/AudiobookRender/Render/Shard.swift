import Foundation

/// One share of a book's scenes, for a render spread over the tasks of a batch engine
/// (`render --shard K/N`, then `assemble`). The split depends on the text alone: runs of
/// consecutive scenes, balanced by the amount of speech (the characters spoken), the same on
/// every machine.
public struct Shard: Sendable, Equatable {
    /// 1-based.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// A `--shard` value that is wrong, or an engine's variable that is missing.
    public struct SpecificationError: LocalizedError, Equatable, CustomStringConvertible {
        public var description: String
        public var errorDescription: String? { description }
    }

    /// Reads `K/N`, `auto/N` (K from a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX`, 0-based, or
    /// GNU parallel's `PARALLEL_SEQ`, 1-based) or `auto` (K and N from a Slurm array's
    /// `SLURM_ARRAY_TASK_ID`, 0-based, and `SLURM_ARRAY_TASK_COUNT`).
    public init(_ specification: String, environment: [String: String]) throws(SpecificationError) {
        func number(_ name: String) throws(SpecificationError) -> Int? {
            guard let value = environment[name] else { return nil }
            guard let number = Int(value.trimmingCharacters(in: .whitespaces)) else {
                throw SpecificationError(description: "--shard \(specification): \(name)=\(value) is not a number")
            }
            return number
        }
        let parts = specification.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts == ["auto"] {
            guard let id = try number("SLURM_ARRAY_TASK_ID"), let count = try number("SLURM_ARRAY_TASK_COUNT") else {
                throw SpecificationError(
                    description:
                        "--shard auto takes the shard from a Slurm job array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT), which is not set here; give --shard K/N or auto/N"
                )
            }
            self.init(index: id + 1, count: count)
        } else if parts.count == 2, let count = Int(parts[1]) {
            if parts[0] == "auto" {
                if let index = try number("JOB_COMPLETION_INDEX") {
                    self.init(index: index + 1, count: count)
                } else if let sequence = try number("PARALLEL_SEQ") {
                    self.init(index: sequence, count: count)
                } else {
                    throw SpecificationError(
                        description:
                            "--shard auto/\(count) takes the shard from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) or PARALLEL_SEQ (GNU parallel), and neither is set here"
                    )
                }
            } else if let index = Int(parts[0]) {
                self.init(index: index, count: count)
            } else {
                throw SpecificationError(description: "--shard \(specification): expected K/N, auto/N or auto")
            }
        } else {
            throw SpecificationError(description: "--shard \(specification): expected K/N, auto/N or auto")
        }
        guard count >= 1, (1...count).contains(index) else {
            throw SpecificationError(
                description: "--shard \(specification): shard \(index) of \(count) does not exist (K runs from 1 to N)")
        }
    }

    /// Positions of this shard's scenes among `plans`.
    public func scenes(of plans: [ScenePlan]) -> Range<Int> {
        Shard.split(plans, count: count)[index - 1]
    }

    /// The scenes cut into `count` runs of consecutive scenes, each with about an equal share of
    /// the speech: shard k ends at the scene boundary nearest to k/count of the book's speech. A
    /// run may be empty (fewer scenes than shards, or one scene longer than a share).
    public static func split(_ plans: [ScenePlan], count: Int) -> [Range<Int>] {
        let weights = plans.map { plan in max(1, plan.lines.reduce(0) { $0 + $1.utterance.text.utf8.count }) }
        let prefix = weights.reduce(into: [0]) { $0.append($0.last! + $1) }
        let total = prefix.last!
        var bounds = [0]
        for shard in 1..<max(1, count) {
            let target = Double(total) * Double(shard) / Double(count)
            var boundary = bounds.last!
            while boundary < plans.count, Double(prefix[boundary + 1]) <= target { boundary += 1 }
            // The nearer of the two boundaries around the target.
            if boundary < plans.count, Double(prefix[boundary + 1]) - target < target - Double(prefix[boundary]) {
                boundary += 1
            }
            bounds.append(max(bounds.last!, boundary))
        }
        bounds.append(plans.count)
        return (0..<count).map { bounds[$0]..<bounds[$0 + 1] }
    }
}

/// Ranking candidates by a score, the same way everywhere: highest first, equal scores in the
/// order of their keys, so that a tie is decided the same on every run.
extension Dictionary where Key: Comparable, Value: Comparable {
    /// The keys, best first.
    func rankedKeys() -> [Key] {
        sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    /// The best key and its score.
    func best() -> (key: Key, value: Value)? {
        self.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }.map { ($0.key, $0.value) }
    }
}

/// A candidate speaker and how sure the rule that found them is.
struct ScoredSpeaker: Sendable, Equatable {
    var id: CharacterID
    var confidence: Double
}

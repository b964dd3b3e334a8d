/// The best sequence of states over a chain whose transition score depends on the two states before
/// (a second-order Viterbi search, run over pairs of consecutive states).
enum Viterbi {
    /// The best path over `length` steps and `states` states, or nil when no path scores above −∞.
    /// `emission(i, c)` scores state c at step i; `transition(i, c, s1, s2)` scores entering state c at
    /// step i after s1 (one back) and s2 (two back), each nil before the chain begins.
    static func bestPath(
        length: Int, states: Int, emission: (Int, Int) -> Double,
        transition: (Int, Int, Int?, Int?) -> Double
    ) -> [Int?]? {
        guard length >= 2, states >= 1 else { return nil }
        let k = states
        let none = k
        func state(_ index: Int) -> Int? { index == none ? nil : index }
        // score[s1][c]: the best path ending in s1 then c.
        var score = [[Double]](repeating: [Double](repeating: -.infinity, count: k + 1), count: k + 1)
        var back: [[[Int]]] = []
        for c in 0..<k { score[none][c] = emission(0, c) }
        for i in 1..<length {
            var next = [[Double]](repeating: [Double](repeating: -.infinity, count: k + 1), count: k + 1)
            var pointer = [[Int]](repeating: [Int](repeating: none, count: k + 1), count: k + 1)
            for c in 0..<k {
                let e = emission(i, c)
                guard e > -.infinity else { continue }
                for s1 in 0..<k {
                    var best = -Double.infinity
                    var bestS2 = none
                    for s2 in 0...k where score[s2][s1] > -.infinity {
                        let value = score[s2][s1] + transition(i, c, state(s1), state(s2))
                        if value > best {
                            best = value
                            bestS2 = s2
                        }
                    }
                    if best > -.infinity {
                        next[s1][c] = best + e
                        pointer[s1][c] = bestS2
                    }
                }
            }
            // No state fits a step: there is no path.
            if next.allSatisfy({ $0.allSatisfy { $0 == -.infinity } }) { return nil }
            score = next
            back.append(pointer)
        }
        var bestEnd = (s1: none, c: none, value: -Double.infinity)
        for s1 in 0...k {
            for c in 0..<k where score[s1][c] > bestEnd.value { bestEnd = (s1, c, score[s1][c]) }
        }
        guard bestEnd.value > -.infinity else { return nil }
        var path = [Int](repeating: none, count: length)
        path[length - 1] = bestEnd.c
        path[length - 2] = bestEnd.s1
        for i in stride(from: length - 1, through: 2, by: -1) {
            path[i - 2] = back[i - 1][path[i - 1]][path[i]]
        }
        return path.map(state)
    }
}

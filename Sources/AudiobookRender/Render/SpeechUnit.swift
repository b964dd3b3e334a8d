import AudiobookCore

/// The unit of reproducible audio: the lines of one or more whole paragraphs, spoken one after
/// another from espeak-ng's fresh state. Its audio depends on its own text and
/// voices only, so its key (a hash of everything that changes the sound) finds it
/// again in an earlier render.
public struct SpeechUnit: Sendable, Equatable {
    /// Index of the scene in the plans.
    public var scene: Int
    /// Indices of its lines in the scene plan.
    public var lines: Range<Int>
    /// Hash of the engine version, sample rate and every utterance (text and voice settings).
    public var key: String

    /// Text a unit gathers before it ends at a paragraph boundary: fewer, larger units fork
    /// fewer processes; smaller ones re-speak less after a change.
    public static let minimumCharacters = 1200

    /// Cuts every scene into units of whole paragraphs.
    public static func units(of plans: [ScenePlan], engineVersion: String, sampleRate: Int) -> [SpeechUnit] {
        var units: [SpeechUnit] = []
        for (sceneIndex, plan) in plans.enumerated() {
            var start = 0
            while start < plan.lines.count {
                // Whole paragraphs, until the unit has `minimumCharacters` of text: boundaries depend on
                // the text alone, so a voice change leaves every unit where it was.
                var end = start
                var characters = 0
                // A long line's pieces may end a unit too, so that they can be spoken in parallel.
                repeat {
                    let paragraph = plan.lines[end].line.paragraph
                    while end < plan.lines.count, plan.lines[end].line.paragraph == paragraph {
                        characters += plan.lines[end].utterance.text.utf8.count
                        end += 1
                        if characters >= minimumCharacters, end < plan.lines.count, plan.lines[end].continuesLine {
                            break
                        }
                    }
                } while end < plan.lines.count && characters < minimumCharacters
                let utterances = plan.lines[start..<end].map(\.utterance)
                units.append(
                    SpeechUnit(
                        scene: sceneIndex, lines: start..<end,
                        key: key(utterances, engineVersion: engineVersion, sampleRate: sampleRate)))
                start = end
            }
        }
        return units
    }

    static func key(_ utterances: [Utterance], engineVersion: String, sampleRate: Int) -> String {
        var hasher = StableHasher()
        hasher.combine("\(engineVersion)|\(sampleRate)|\(utterances.count)")
        for utterance in utterances {
            let voice = utterance.voice
            hasher.combine(
                "|\(utterance.isSSML)|\(voice.voice)|\(voice.variant ?? "")|\(voice.rate)|\(voice.pitch)|\(voice.range)|\(voice.volume)|\(voice.wordGap)|\(utterance.text.utf8.count)|"
            )
            hasher.combine(utterance.text)
        }
        return hasher.hexDigest
    }
}

/// A 128-bit FNV-1a hash (two 64-bit lanes of `StableHash` with different bases): the same in every process and run.
struct StableHasher {
    private var first = StableHash.offsetBasis
    private var second: UInt64 = 0x6c62_272e_07bb_0142

    mutating func combine(_ text: String) {
        for byte in text.utf8 {
            first = StableHash.step(first, byte)
            second = StableHash.step(second, byte) &+ (first >> 29)
        }
    }

    var hexDigest: String { StableHash.hex(first) + StableHash.hex(second) }
}

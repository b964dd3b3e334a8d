import AudiobookCore
import Foundation

/// Turns lexicon entries into the phonemes espeak-ng is given: phoneme entries as written, a
/// respelling (`her-MY-oh-nee`) syllable by syllable from espeak-ng's own dictionary in the voice
/// that says it, with the stress on the syllable in capitals.
public struct Pronouncer {
    let engine: SpeechEngine
    private var cache: [String: String] = [:]

    /// A pronouncer that asks `engine` for phonemes.
    public init(engine: SpeechEngine) {
        self.engine = engine
    }

    /// An entry's phonemes in an espeak-ng voice (`en-gb`).
    public mutating func phonemes(of entry: Lexicon.Entry, voice: String) throws(SpeechError) -> String {
        switch entry.pronunciation {
        case .phonemes(let phonemes): return phonemes
        case .respelling(let syllables):
            var result = ""
            for syllable in syllables {
                let key = voice + "|" + syllable.lowercased()
                let sounds: String
                if let known = cache[key] {
                    sounds = known
                } else {
                    // Stress and pause marks go: the respelling says where the stress is.
                    sounds = try engine.phonemes(of: syllable.lowercased(), voice: voice).filter {
                        !"',%=_| ".contains($0)
                    }
                    cache[key] = sounds
                }
                let stressed =
                    syllables.count > 1 && syllable.contains(where: \.isLetter)
                    && syllable.filter(\.isLetter).allSatisfy(\.isUppercase)
                result += (stressed ? "'" : "") + sounds
            }
            return result
        }
    }

    /// Every entry of a lexicon as phonemes in a voice, by lowercased word.
    public mutating func words(of lexicon: Lexicon, voice: String) throws(SpeechError) -> [String: String] {
        var words: [String: String] = [:]
        for (word, entry) in lexicon.entries { words[word] = try phonemes(of: entry, voice: voice) }
        return words
    }
}

extension VoiceLevels {
    /// Measures voices on sample lines at volume 100, each sample spoken from a fresh state in a
    /// synthesis worker (so it measures the same in every run); the level is the power mean of
    /// the lines' speech levels. Returns the levels by `key(of:sample:)`.
    public static func measure(
        _ requests: [(settings: VoiceSettings, sample: [String])], workerCommand: [String], sampleRate: Int,
        jobs: Int
    ) throws -> [String: Double] {
        var keys: [String] = []
        var work: [SynthesisPool.Work] = []
        for (settings, sample) in requests {
            let key = VoiceLevels.key(of: settings, sample: sample)
            guard !keys.contains(key) else { continue }
            keys.append(key)
            work.append(
                SynthesisPool.Work(
                    utterances: sample.map { Utterance(text: $0, voice: VoiceLevels.reference(settings)) }))
        }
        var measured: [String: Double] = [:]
        guard !work.isEmpty else { return measured }
        let pool = SynthesisPool(work: work, jobs: jobs, workerCommand: workerCommand)
        pool.start()
        for (index, key) in keys.enumerated() {
            var powers: [Double] = []
            for case .pcm(let bytes) in try pool.audio(for: index) {
                let samples = stride(from: 0, to: bytes.count - 1, by: 2).map {
                    Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8)
                }
                if let level = SpeechLevel.of(samples, sampleRate: sampleRate) { powers.append(pow(10, level / 10)) }
            }
            if !powers.isEmpty { measured[key] = 10 * log10(powers.reduce(0, +) / Double(powers.count)) }
        }
        return measured
    }
}

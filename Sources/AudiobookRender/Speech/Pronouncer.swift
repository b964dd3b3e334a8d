import AudiobookCore

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
    /// Measures each voice's level at volume 100, each spoken from a fresh state in a synthesis
    /// worker (so the same voice measures the same in every run): about 10 ms of work a voice.
    public static func measure(
        _ voices: [VoiceSettings], workerCommand: [String], sampleRate: Int, jobs: Int
    ) throws -> VoiceLevels {
        var keys: [String] = []
        var work: [SynthesisPool.Work] = []
        for settings in voices {
            let key = VoiceLevels.key(of: settings)
            guard !keys.contains(key) else { continue }
            keys.append(key)
            work.append(
                SynthesisPool.Work(utterances: [
                    Utterance(text: LevelCalibration.text, voice: VoiceLevels.reference(settings))
                ]))
        }
        var levels = VoiceLevels()
        guard !work.isEmpty else { return levels }
        let pool = SynthesisPool(work: work, jobs: jobs, workerCommand: workerCommand)
        pool.start()
        for (index, key) in keys.enumerated() {
            guard case .pcm(let bytes) = try pool.audio(for: index).first else { continue }
            let samples = stride(from: 0, to: bytes.count - 1, by: 2).map {
                Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8)
            }
            if let level = SpeechLevel.of(samples, sampleRate: sampleRate) { levels.measured[key] = level }
        }
        return levels
    }
}

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
    /// Measures voices on the calibration lines, each voice's lines spoken from a fresh state in a
    /// synthesis worker (so it measures the same in every run); a voice's level is the power mean of
    /// its lines' speech levels. espeak-ng's volume is not quite proportional (a voice turned well down comes
    /// out a dB or so louder than the proportion says), so each voice is measured twice: at volume
    /// 100, then at the volume that first measure asks for, and the volume corrected by the second.
    /// Returns, by `key(of:)`, the level at volume 100 that the corrected volume implies.
    public static func measure(
        _ voices: [VoiceSettings], workerCommand: [String], sampleRate: Int, jobs: Int
    ) throws -> [String: Double] {
        var keys: [String] = []
        var unique: [VoiceSettings] = []
        for settings in voices {
            let key = VoiceLevels.key(of: settings)
            guard !keys.contains(key) else { continue }
            keys.append(key)
            unique.append(settings)
        }
        guard !unique.isEmpty else { return [:] }
        let first = try levels(
            unique.map { ($0, 100) }, workerCommand: workerCommand, sampleRate: sampleRate, jobs: jobs)
        let volumes = first.map { level in
            level.map { min(200, max(1, Int((100 * pow(10, (target - $0) / 20)).rounded()))) } ?? 100
        }
        let second = try levels(
            Array(zip(unique, volumes)), workerCommand: workerCommand, sampleRate: sampleRate, jobs: jobs)
        var measured: [String: Double] = [:]
        for (index, key) in keys.enumerated() {
            measured[key] = level(first: first[index], volume: volumes[index], second: second[index])
        }
        return measured
    }

    /// The level at volume 100 that two measures imply: the first at volume 100, the second at the
    /// `volume` the first asked for. Nil unless both were measured: a second measure alone, made at
    /// volume 100 because the first was lost (its worker killed twice), is the uncorrected level, a
    /// fraction of a dB off the one every other render saves, and would be kept for later renders.
    static func level(first: Double?, volume: Int, second: Double?) -> Double? {
        guard first != nil, let second else { return nil }
        let corrected = Double(volume) * pow(10, (target - second) / 20)
        return target - 20 * log10(corrected / 100)
    }

    /// Each voice's level on the calibration lines, spoken at a volume.
    private static func levels(
        _ requests: [(settings: VoiceSettings, volume: Int)], workerCommand: [String], sampleRate: Int, jobs: Int
    ) throws -> [Double?] {
        let work = requests.map { request in
            var settings = request.settings
            settings.volume = request.volume
            return SynthesisPool.Work(utterances: LevelCalibration.lines.map { Utterance(text: $0, voice: settings) })
        }
        let pool = SynthesisPool(work: work, jobs: jobs, workerCommand: workerCommand)
        pool.start()
        return try work.indices.map { index in
            var powers: [Double] = []
            func complete(_ audio: [SynthesisPool.LineAudio]) -> Bool {
                !audio.contains { if case .failed = $0 { true } else { false } }
            }
            var audio = try pool.audio(for: index)
            // A worker stopped mid-measure (killed from outside) measures again, alone: a level from
            // part of the lines would differ from one render to the next.
            if !complete(audio) {
                let again = SynthesisPool(work: [work[index]], jobs: 1, workerCommand: workerCommand)
                again.start()
                audio = try again.audio(for: 0)
                guard complete(audio) else { return nil }
            }
            for case .pcm(let bytes) in audio {
                let samples = SampleBytes.samples(fromLittleEndian: bytes)
                if let level = SpeechLevel.of(samples, sampleRate: sampleRate) { powers.append(pow(10, level / 10)) }
            }
            return powers.isEmpty ? nil : 10 * log10(powers.reduce(0, +) / Double(powers.count))
        }
    }
}

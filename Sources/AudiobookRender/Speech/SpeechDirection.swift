import AudiobookCore
import Foundation

/// What turns a line's words and voice into what espeak-ng is given, beyond the casting: how
/// words are said (the lexicons, as phonemes), how each delivery changes a voice, and the volume
/// that levels each voice with the others.
public struct SpeechDirection: Sendable {
    /// The deliveries a line's `delivery` names.
    public var deliveries = DeliveryTable.builtIn
    /// The book's lexicon as phonemes, by lowercased word, for each espeak-ng voice it is said in.
    public var bookWords: [String: [String: String]] = [:]
    /// A profile's own lexicon (over the book's), as phonemes by lowercased word.
    public var profileWords: [String: [String: String]] = [:]
    /// The lexicons as read: which entry a word comes from, and its ending.
    public var lexicon = Lexicon()
    public var profileLexicons: [String: Lexicon] = [:]
    /// The volume that levels each speaker with the others.
    public var levels = VoiceLevels()

    /// No lexicon, built-in deliveries, no levelling.
    public init() {}

    /// The phonemes of the words `profile` says its own way or the book's way, by lowercased word.
    public func words(forProfile profile: String, voice: String) -> (Lexicon, [String: String]) {
        let book = bookWords[voice] ?? [:]
        guard let own = profileLexicons[profile], let ownWords = profileWords[profile] else { return (lexicon, book) }
        return (lexicon.merging(own), book.merging(ownWords) { _, new in new })
    }
}

/// How loud each speaker comes out of espeak-ng, and the volume that brings them all to one level.
///
/// Each voice is measured on the same calibration lines, spoken from a fresh state: the level
/// depends on the voice alone, so a preview of one scene levels exactly as the render does, and
/// correcting who says a line re-speaks that line only.
public struct VoiceLevels: Sendable, Equatable, Codable {
    /// The speech level every speaker is brought to, in dBFS (gated RMS, see `SpeechLevel`): low
    /// enough that a shouted line (+4 dB) stays clear of clipping.
    public static let target = -24.0

    /// Measured levels at volume 100, by `VoiceLevels.key(of:)`.
    public var measured: [String: Double] = [:]

    /// No levels: every voice at its own volume.
    public init() {}

    /// The settings as measured: volume 100 (a profile's own volume is a deliberate change on top).
    public static func reference(_ settings: VoiceSettings) -> VoiceSettings {
        var reference = settings
        reference.volume = 100
        return reference
    }

    /// What a measurement depends on: the voice (at volume 100) and the calibration lines it is
    /// measured on (whoever speaks: a sample of a speaker's own lines would change with every
    /// correction of who says what, and re-speak them).
    public static func key(of settings: VoiceSettings) -> String {
        let reference = VoiceLevels.reference(settings)
        return
            "\(reference.espeakName)|\(reference.rate)|\(reference.pitch)|\(reference.range)|\(reference.wordGap)|\(LevelCalibration.digest)"
    }

    /// The settings with the volume that brings the voice to `target` (the profile's volume
    /// scaled), or unchanged when the voice was not measured.
    public func levelled(_ settings: VoiceSettings) -> VoiceSettings {
        guard let level = measured[VoiceLevels.key(of: settings)] else { return settings }
        var levelled = settings
        let factor = pow10((VoiceLevels.target - level) / 20)
        levelled.volume = min(200, max(1, Int((Double(settings.volume) * factor).rounded())))
        return levelled
    }

    private func pow10(_ exponent: Double) -> Double { exp(exponent * log(10)) }
}

/// Lines for measuring a voice: narration, questions and exclamations, with the common sounds of
/// English, each measured alone as a line of a book is.
enum LevelCalibration {
    static let lines = [
        "The morning was quiet, and the road ran down past the church to the river.",
        "Nobody had seen the letter since Tuesday, but everyone seemed to know what it said.",
        "Where have you been all this time?",
        "I told you to wait for me!",
        "Well, it hardly matters now, does it?",
        "We waited by the window until the rain stopped, then walked home together through the wet fields.",
    ]

    /// The lines' hash, part of every measurement's key: other lines measure anew.
    static let digest: String = {
        var hasher = StableHasher()
        for line in lines { hasher.combine(line + "\n") }
        return hasher.hexDigest
    }()
}

/// The level of speech in a run of samples: the RMS, in dBFS, of its 50 ms frames that carry speech
/// (within 35 dB of the loudest frame), so that pauses between words and lines do not count.
public enum SpeechLevel {
    /// The speech level of 16-bit samples at `sampleRate`, or nil when there is no speech.
    public static func of(_ samples: UnsafeBufferPointer<Int16>, sampleRate: Int) -> Double? {
        let frame = max(1, sampleRate / 20)
        var powers: [Double] = []
        var start = 0
        while start + frame <= samples.count {
            var sum = 0.0
            for index in start..<start + frame {
                let value = Double(samples[index]) / 32768
                sum += value * value
            }
            powers.append(sum / Double(frame))
            start += frame
        }
        guard let loudest = powers.max(), loudest > 1e-9 else { return nil }
        let speech = powers.filter { $0 >= loudest * 3.16e-4 && $0 > 1e-8 }
        guard !speech.isEmpty else { return nil }
        return 10 * log10(speech.reduce(0, +) / Double(speech.count))
    }

    /// The speech level of samples in an array.
    public static func of(_ samples: [Int16], sampleRate: Int) -> Double? {
        samples.withUnsafeBufferPointer { of($0, sampleRate: sampleRate) }
    }
}

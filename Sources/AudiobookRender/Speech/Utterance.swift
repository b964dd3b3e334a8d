import AudiobookCore

/// One piece of text to speak, with every voice setting it needs: espeak-ng's
/// parameters are global and survive voice changes, so all are set each time.
public struct Utterance: Sendable, Equatable, Codable {
    /// The text; SSML when `isSSML` (already escaped).
    public var text: String
    /// Whether `text` is SSML.
    public var isSSML: Bool
    /// The voice and its settings.
    public var voice: VoiceSettings

    /// Creates an utterance.
    public init(text: String, isSSML: Bool = false, voice: VoiceSettings) {
        self.text = text
        self.isSSML = isSSML
        self.voice = voice
    }
}

/// A WORD or SENTENCE boundary espeak-ng reported while speaking.
public struct SpeechEvent: Sendable, Equatable, Codable {
    /// What the event marks.
    public enum Kind: UInt8, Sendable, Codable {
        case word = 1
        case sentence = 2
    }

    public var kind: Kind
    /// 1-based position in the text, in Unicode code points (markup counts with SSML).
    public var textPosition: Int
    /// Time from the start of the utterance, in milliseconds.
    public var audioPositionMilliseconds: Int
}

/// The audio of one utterance: 16-bit mono samples and the events within it.
public struct SpokenAudio: Sendable, Equatable {
    public var samples: [Int16]
    public var events: [SpeechEvent]

    /// Creates spoken audio.
    public init(samples: [Int16], events: [SpeechEvent]) {
        self.samples = samples
        self.events = events
    }
}

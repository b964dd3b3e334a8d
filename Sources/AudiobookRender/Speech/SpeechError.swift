import Foundation

/// A failure reported by espeak-ng, with its status code and message.
public enum SpeechError: LocalizedError, Equatable {
    /// espeak-ng could not start (missing data files, no audio output).
    case initialization(status: UInt32, message: String)
    /// A voice name espeak-ng does not know.
    case unknownVoice(name: String, status: UInt32, message: String)
    /// Synthesis of an utterance failed.
    case synthesis(status: UInt32, message: String)
    /// A parameter could not be set.
    case parameter(name: String, status: UInt32, message: String)

    public var errorDescription: String? {
        switch self {
        case .initialization(let status, let message):
            return String(format: "espeak-ng could not start (status 0x%08X): %@", status, message)
        case .unknownVoice(let name, let status, let message):
            return String(format: "espeak-ng does not know the voice '%@' (status 0x%08X): %@", name, status, message)
        case .synthesis(let status, let message):
            return String(format: "espeak-ng failed to synthesise (status 0x%08X): %@", status, message)
        case .parameter(let name, let status, let message):
            return String(format: "espeak-ng refused %@ (status 0x%08X): %@", name, status, message)
        }
    }
}

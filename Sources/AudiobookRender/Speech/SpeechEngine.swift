import AudiobookCore
internal import CEspeakNG
import Foundation

/// The single owner of libespeak-ng in this process.
///
/// espeak-ng keeps all its state in globals: it is initialised once (a second
/// initialisation deadlocks in 1.51, so it is never terminated), and every call
/// goes through this object's lock. Its state carries from one utterance to the
/// next, so audio is reproducible only for a sequence of utterances started in
/// a fresh process: the renderer runs each such sequence in a worker process.
public final class SpeechEngine: @unchecked Sendable {
    /// The process-wide engine, initialised on first use.
    public static func shared() throws(SpeechError) -> SpeechEngine {
        switch sharedEngine {
        case .success(let engine): return engine
        case .failure(let error): throw error
        }
    }

    private static let sharedEngine: Result<SpeechEngine, SpeechError> = Result { () throws(SpeechError) in
        try SpeechEngine()
    }

    private let lock = NSLock()
    /// The voice espeak-ng has selected now (guarded by `lock`).
    private var selectedVoice: String?
    /// Samples per second of the audio espeak-ng produces (22050 for its own voices).
    public let sampleRate: Int
    /// espeak-ng's version and data path: part of every cache key, since a new version sounds different.
    public let version: String

    private init() throws(SpeechError) {
        espeak_ng_InitializePath(nil)
        var context: espeak_ng_ERROR_CONTEXT?
        var status = espeak_ng_Initialize(&context)
        if status != ENS_OK {
            let message = SpeechEngine.message(for: status)
            espeak_ng_ClearErrorContext(&context)
            throw .initialization(status: status.rawValue, message: message)
        }
        status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, nil)
        guard status == ENS_OK else {
            throw .initialization(status: status.rawValue, message: SpeechEngine.message(for: status))
        }
        espeak_SetSynthCallback(speechEngineCallback)
        sampleRate = Int(espeak_ng_GetSampleRate())
        var path: UnsafePointer<CChar>?
        let info = espeak_Info(&path).map { String(cString: $0) } ?? "unknown"
        version = "espeak-ng \(info) \(path.map { String(cString: $0) } ?? "")"
    }

    /// The voices espeak-ng can load (MBROLA voices, which need a separate program, are left out).
    public func installedVoices() -> VoiceCatalog {
        lock.lock()
        defer { lock.unlock() }
        var voices: [VoiceCatalog.Voice] = []
        if let list = espeak_ListVoices(nil) {
            var index = 0
            while let entry = list[index] {
                index += 1
                let voice = entry.pointee
                let identifier = voice.identifier.map { String(cString: $0) } ?? ""
                guard !identifier.hasPrefix("mb/") else { continue }
                voices.append(
                    VoiceCatalog.Voice(
                        name: voice.name.map { String(cString: $0) } ?? identifier,
                        language: SpeechEngine.firstLanguage(voice.languages),
                        identifier: identifier,
                        gender: SpeechEngine.gender(voice.gender)))
            }
        }
        var variants: [VoiceCatalog.Variant] = []
        var spec = espeak_VOICE()
        "variant".withCString { language in
            spec.languages = language
            guard let list = espeak_ListVoices(&spec) else { return }
            var index = 0
            while let entry = list[index] {
                index += 1
                let voice = entry.pointee
                let identifier = voice.identifier.map { String(cString: $0) } ?? ""
                let name = identifier.hasPrefix("!v/") ? String(identifier.dropFirst(3)) : identifier
                variants.append(
                    VoiceCatalog.Variant(
                        name: name, description: voice.name.map { String(cString: $0) } ?? name,
                        gender: SpeechEngine.gender(voice.gender)))
            }
        }
        return VoiceCatalog(voices: voices, variants: variants)
    }

    /// espeak-ng's gender code of a voice: 1 male, 2 female, 0 none.
    static func gender(_ code: UInt8) -> Gender {
        switch code {
        case 1: return .male
        case 2: return .female
        default: return .unknown
        }
    }

    /// Speaks one utterance: selects the voice, sets every parameter, synthesises,
    /// and returns the samples and WORD/SENTENCE events as Swift values.
    public func speak(_ utterance: Utterance) throws(SpeechError) -> SpokenAudio {
        let sink = SpeechSink()
        // About 1,300 samples a character at the default rate: reserving them saves the copies of a growing array.
        sink.samples.reserveCapacity(min(utterance.text.utf8.count, 8000) * 1400)
        try speak(utterance, into: sink)
        return SpokenAudio(samples: sink.samples, events: sink.events)
    }

    /// Speaks one utterance into `store` (emptied first); returns the WORD/SENTENCE events.
    func speak(_ utterance: Utterance, into store: SampleStore) throws(SpeechError) -> [SpeechEvent] {
        store.removeAll()
        let sink = SpeechSink()
        sink.store = store
        try speak(utterance, into: sink)
        return sink.events
    }

    private func speak(_ utterance: Utterance, into sink: SpeechSink) throws(SpeechError) {
        lock.lock()
        defer { lock.unlock() }
        let settings = utterance.voice
        let name = settings.espeakName
        // Every parameter is set below, whatever voice was selected before.
        try select(name)
        try setParameter(espeakRATE, settings.rate, "rate")
        try setParameter(espeakVOLUME, settings.volume, "volume")
        try setParameter(espeakPITCH, settings.pitch, "pitch")
        try setParameter(espeakRANGE, settings.range, "range")
        try setParameter(espeakWORDGAP, settings.wordGap, "wordgap")
        let unmanaged = Unmanaged.passRetained(sink)
        defer { unmanaged.release() }
        var flags = UInt32(espeakCHARS_UTF8)
        if utterance.isSSML { flags |= UInt32(espeakSSML) }
        // A lexicon's phonemes are written [[…]] (book text never is: `SpeechText` breaks up any `[[`).
        if utterance.text.contains("[[") { flags |= UInt32(espeakPHONEMES) }
        let result = utterance.text.withCString { text in
            espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0, flags, nil, unmanaged.toOpaque())
        }
        guard result == ENS_OK else {
            throw .synthesis(status: result.rawValue, message: SpeechEngine.message(for: result))
        }
    }

    /// The phonemes espeak-ng's dictionary gives a text in a voice (as `espeak-ng -x` prints them),
    /// clause by clause joined with spaces.
    public func phonemes(of text: String, voice: String) throws(SpeechError) -> String {
        lock.lock()
        defer { lock.unlock() }
        try select(voice)
        var clauses: [String] = []
        text.withCString { start in
            var pointer: UnsafeRawPointer? = UnsafeRawPointer(start)
            while let current = pointer, UnsafePointer<CChar>(current.assumingMemoryBound(to: CChar.self)).pointee != 0
            {
                var position: UnsafeRawPointer? = current
                let result = withUnsafeMutablePointer(to: &position) { address in
                    espeak_TextToPhonemes(address, Int32(espeakCHARS_UTF8), 0)
                }
                if let result { clauses.append(String(cString: result).trimmingCharacters(in: .whitespaces)) }
                guard position != current else { break }
                pointer = position
            }
        }
        return clauses.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Selects a voice (the caller holds `lock`). Selecting reloads its files (about 6 ms): the
    /// owner knows which voice is selected and only selects on a change.
    private func select(_ name: String) throws(SpeechError) {
        guard name != selectedVoice else { return }
        let status = espeak_ng_SetVoiceByName(name)
        guard status == ENS_OK else {
            selectedVoice = nil
            throw .unknownVoice(name: name, status: status.rawValue, message: SpeechEngine.message(for: status))
        }
        selectedVoice = name
    }

    private func setParameter(_ parameter: espeak_PARAMETER, _ value: Int, _ name: String) throws(SpeechError) {
        let status = espeak_ng_SetParameter(parameter, Int32(value), 0)
        guard status == ENS_OK else {
            throw .parameter(name: name, status: status.rawValue, message: SpeechEngine.message(for: status))
        }
    }

    static func message(for status: espeak_ng_STATUS) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        espeak_ng_GetStatusCodeMessage(status, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The first language of espeak-ng's packed list: a priority byte, then a NUL-terminated name.
    static func firstLanguage(_ languages: UnsafePointer<CChar>?) -> String {
        guard let languages, languages.pointee != 0 else { return "" }
        return String(cString: languages + 1)
    }
}

/// Collects what espeak-ng's callback hands over during one synthesis.
final class SpeechSink {
    /// Where the samples go: `store` when set, else `samples`.
    var store: SampleStore?
    var samples: [Int16] = []
    var events: [SpeechEvent] = []
}

/// espeak-ng's synthesis callback: no context argument, so the sink comes from
/// the events' `user_data`; samples and events are copied out before returning.
private func speechEngineCallback(
    _ wav: UnsafeMutablePointer<Int16>?, _ count: Int32, _ events: UnsafeMutablePointer<espeak_EVENT>?
) -> Int32 {
    guard let events else { return 0 }
    var index = 0
    var sink: SpeechSink?
    while true {
        let event = events[index]
        if let userData = event.user_data, sink == nil {
            sink = Unmanaged<SpeechSink>.fromOpaque(userData).takeUnretainedValue()
        }
        if event.type == espeakEVENT_LIST_TERMINATED { break }
        if event.type == espeakEVENT_WORD || event.type == espeakEVENT_SENTENCE {
            sink?.events.append(
                SpeechEvent(
                    kind: event.type == espeakEVENT_WORD ? .word : .sentence,
                    textPosition: Int(event.text_position),
                    audioPositionMilliseconds: Int(event.audio_position)))
        }
        index += 1
    }
    if let wav, count > 0, let sink {
        let samples = UnsafeBufferPointer(start: wav, count: Int(count))
        if let store = sink.store { store.append(samples) } else { sink.samples.append(contentsOf: samples) }
    }
    return 0
}

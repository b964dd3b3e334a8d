import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What passes between the renderer and a synthesis worker process.
///
/// The renderer writes one JSON job (units of speech: the utterances of one
/// paragraph each) to the worker's standard input; the worker answers on
/// standard output with one binary frame per utterance, numbered across the
/// whole job, in order:
/// `UInt32 index, UInt32 sampleCount, sampleCount × Int16, UInt32 eventCount,
/// eventCount × (UInt8 kind, UInt32 textPosition, UInt32 milliseconds)`, then the
/// frame's end: `UInt32 frameEnd, UInt32 index, UInt32 sampleCount`, all
/// little-endian. A sample count of `UInt32.max` marks a failed utterance and is
/// followed by `UInt32 length`, a UTF-8 message and the frame's end.
///
/// The end repeats the header so that a frame cut off (a child killed while writing it,
/// then other frames after it) is never read as a whole one: its samples would be other
/// frames' bytes, and the end would not match.
enum WorkerProtocol {
    struct Job: Codable {
        /// Each unit is spoken from espeak-ng's fresh state.
        var units: [[Utterance]]
    }

    enum Frame: Equatable {
        case audio(index: Int, SpokenAudio)
        case failure(index: Int, message: String)
    }

    static let failureMarker = UInt32.max
    /// Opens every frame's end (`END!`).
    static let frameEnd: UInt32 = 0x2144_4E45

    /// The end of frame `index` with `count` samples (the failure marker for a failure).
    static func end(index: Int, count: UInt32) -> [UInt8] {
        var bytes: [UInt8] = []
        for value in [frameEnd, UInt32(truncatingIfNeeded: index), count] {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// Writes a frame to a file descriptor without copying the samples first; false if the write failed.
    static func write(_ frame: Frame, to descriptor: Int32) -> Bool {
        guard case .audio(let index, let audio) = frame else {
            let data = [UInt8](encode(frame))
            return writeAll(descriptor, data)
        }
        return audio.samples.withUnsafeBufferPointer {
            writeAudio(index: index, samples: $0, events: audio.events, to: descriptor)
        }
    }

    /// Writes an audio frame from samples wherever they are; false if the write failed.
    static func writeAudio(
        index: Int, samples: UnsafeBufferPointer<Int16>, events: [SpeechEvent], to descriptor: Int32
    ) -> Bool {
        var header: [UInt8] = []
        func append32(_ value: UInt32, to bytes: inout [UInt8]) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        append32(UInt32(index), to: &header)
        append32(UInt32(samples.count), to: &header)
        var trailer: [UInt8] = []
        append32(UInt32(events.count), to: &trailer)
        for event in events {
            trailer.append(event.kind.rawValue)
            append32(UInt32(clamping: max(0, event.textPosition)), to: &trailer)
            append32(UInt32(clamping: max(0, event.audioPositionMilliseconds)), to: &trailer)
        }
        trailer += end(index: index, count: UInt32(samples.count))
        guard writeAll(descriptor, header) else { return false }
        let samplesWritten =
            1.littleEndian == 1
            ? writeAll(descriptor, UnsafeRawBufferPointer(samples))
            : writeAll(descriptor, SampleBytes.littleEndian(Array(samples)))
        return samplesWritten && writeAll(descriptor, trailer)
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeAll(descriptor, $0) }
    }

    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var written = 0
        while written < bytes.count {
            let result = Glibc.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0, errno == EINTR { continue }
            if result <= 0 { return false }
            written += result
        }
        return true
    }

    static func encode(_ frame: Frame) -> Data {
        var data = Data()
        func append32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        switch frame {
        case .audio(let index, let audio):
            append32(UInt32(index))
            append32(UInt32(audio.samples.count))
            data.append(contentsOf: SampleBytes.littleEndian(audio.samples))
            append32(UInt32(audio.events.count))
            for event in audio.events {
                data.append(event.kind.rawValue)
                append32(UInt32(clamping: max(0, event.textPosition)))
                append32(UInt32(clamping: max(0, event.audioPositionMilliseconds)))
            }
            data.append(contentsOf: end(index: index, count: UInt32(audio.samples.count)))
        case .failure(let index, let message):
            append32(UInt32(index))
            append32(failureMarker)
            let bytes = Array(message.utf8)
            append32(UInt32(bytes.count))
            data.append(contentsOf: bytes)
            data.append(contentsOf: end(index: index, count: failureMarker))
        }
        return data
    }

    /// A frame as the renderer needs it: the samples as little-endian bytes, ready for a WAV file.
    enum RawFrame: Equatable {
        case audio(index: Int, pcm: [UInt8])
        case failure(index: Int, message: String)
    }

    /// How reading the next frame ended.
    enum ReadOutcome: Equatable {
        case frame(RawFrame)
        /// The writer closed its end (at or inside a frame).
        case ended
        case timedOut
        /// What came is no frame: sizes no frame has, or an end that does not match its header (the
        /// rest of a frame cut off when the child writing it was killed, then the next frame). The
        /// stream cannot be trusted after it.
        case garbled
    }

    /// The most a frame holds: samples (an hour at 22,050 Hz; a piece of a line is a few
    /// minutes), events, and bytes of a failure message.
    static let frameLimits = (samples: 3600 * 22050, events: 1 << 20, message: 1 << 16)

    /// Reads the next frame from `descriptor`, waiting until `deadline`. The samples are read
    /// straight into the array that carries them on (no intermediate buffer); events are skipped.
    static func readFrame(from descriptor: Int32, deadline: Date) -> ReadOutcome {
        var header = [UInt8](repeating: 0, count: 8)
        if let stop = readExactly(into: &header, from: descriptor, deadline: deadline) { return stop }
        let index = Int(littleEndian32(header, at: 0))
        let count = littleEndian32(header, at: 4)
        var field = [UInt8](repeating: 0, count: 4)
        if count == failureMarker {
            if let stop = readExactly(into: &field, from: descriptor, deadline: deadline) { return stop }
            let length = Int(littleEndian32(field, at: 0))
            guard length <= frameLimits.message else { return .garbled }
            var message = [UInt8](repeating: 0, count: length)
            if let stop = readExactly(into: &message, from: descriptor, deadline: deadline) { return stop }
            if let stop = readEnd(index: index, count: count, from: descriptor, deadline: deadline) { return stop }
            return .frame(.failure(index: index, message: String(decoding: message, as: UTF8.self)))
        }
        guard Int(count) <= frameLimits.samples else { return .garbled }
        var stop: ReadOutcome?
        let pcm = [UInt8](unsafeUninitializedCapacity: Int(count) * 2) { bytes, initialized in
            stop = readExactly(into: UnsafeMutableRawBufferPointer(bytes), from: descriptor, deadline: deadline)
            initialized = stop == nil ? bytes.count : 0
        }
        if let stop { return stop }
        if let stop = readExactly(into: &field, from: descriptor, deadline: deadline) { return stop }
        let eventCount = Int(littleEndian32(field, at: 0))
        guard eventCount <= frameLimits.events else { return .garbled }
        var events = [UInt8](repeating: 0, count: eventCount * 9)
        if let stop = readExactly(into: &events, from: descriptor, deadline: deadline) { return stop }
        if let stop = readEnd(index: index, count: count, from: descriptor, deadline: deadline) { return stop }
        return .frame(.audio(index: index, pcm: pcm))
    }

    /// Reads a frame's end; nil when it matches the frame's header.
    private static func readEnd(index: Int, count: UInt32, from descriptor: Int32, deadline: Date) -> ReadOutcome? {
        var bytes = [UInt8](repeating: 0, count: 12)
        if let stop = readExactly(into: &bytes, from: descriptor, deadline: deadline) { return stop }
        return bytes == end(index: index, count: count) ? nil : .garbled
    }

    private static func littleEndian32(_ bytes: [UInt8], at start: Int) -> UInt32 {
        UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8 | UInt32(bytes[start + 2]) << 16 | UInt32(bytes[start + 3])
            << 24
    }

    private static func readExactly(into bytes: inout [UInt8], from descriptor: Int32, deadline: Date) -> ReadOutcome? {
        bytes.withUnsafeMutableBytes { readExactly(into: $0, from: descriptor, deadline: deadline) }
    }

    /// Fills `bytes` from `descriptor`; nil when full, else why it could not be filled.
    private static func readExactly(
        into bytes: UnsafeMutableRawBufferPointer, from descriptor: Int32, deadline: Date
    ) -> ReadOutcome? {
        var done = 0
        while done < bytes.count {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return .timedOut }
            var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pollDescriptor, 1, Int32(min(remaining, 1) * 1000) + 1)
            if ready < 0, errno != EINTR { return .ended }
            guard ready > 0 else { continue }
            let got = Glibc.read(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if got > 0 {
                done += got
            } else if got == 0 || (errno != EINTR && errno != EAGAIN) {
                return .ended
            }
        }
        return nil
    }
}

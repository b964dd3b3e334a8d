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
/// eventCount × (UInt8 kind, UInt32 textPosition, UInt32 milliseconds)`, all
/// little-endian. A sample count of `UInt32.max` marks a failed utterance and is
/// followed by `UInt32 length` and a UTF-8 message.
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

    /// Writes a frame to a file descriptor without copying the samples first; false if the write failed.
    static func write(_ frame: Frame, to descriptor: Int32) -> Bool {
        guard case .audio(let index, let audio) = frame else {
            let data = [UInt8](encode(frame))
            return writeAll(descriptor, data)
        }
        var header: [UInt8] = []
        func append32(_ value: UInt32, to bytes: inout [UInt8]) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        append32(UInt32(index), to: &header)
        append32(UInt32(audio.samples.count), to: &header)
        var trailer: [UInt8] = []
        append32(UInt32(audio.events.count), to: &trailer)
        for event in audio.events {
            trailer.append(event.kind.rawValue)
            append32(UInt32(clamping: max(0, event.textPosition)), to: &trailer)
            append32(UInt32(clamping: max(0, event.audioPositionMilliseconds)), to: &trailer)
        }
        guard writeAll(descriptor, header) else { return false }
        let samplesWritten = 1.littleEndian == 1
            ? audio.samples.withUnsafeBytes { writeAll(descriptor, $0) }
            : writeAll(descriptor, SampleBytes.littleEndian(audio.samples))
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
        case .failure(let index, let message):
            append32(UInt32(index))
            append32(failureMarker)
            let bytes = Array(message.utf8)
            append32(UInt32(bytes.count))
            data.append(contentsOf: bytes)
        }
        return data
    }

    /// The length of the complete frame at `start`, read from its headers alone; nil when more bytes are needed.
    static func frameLength(_ buffer: [UInt8], from start: Int) -> Int? {
        func read32(_ at: Int) -> Int? {
            guard at + 4 <= buffer.count else { return nil }
            return Int(UInt32(buffer[at]) | UInt32(buffer[at + 1]) << 8 | UInt32(buffer[at + 2]) << 16 | UInt32(buffer[at + 3]) << 24)
        }
        guard let count = read32(start + 4) else { return nil }
        if count == Int(failureMarker) {
            guard let length = read32(start + 8), start + 12 + length <= buffer.count else { return nil }
            return 12 + length
        }
        guard let events = read32(start + 8 + count * 2) else { return nil }
        let length = 12 + count * 2 + events * 9
        return start + length <= buffer.count ? length : nil
    }

    /// A frame as the renderer needs it: the samples as little-endian bytes, ready for a WAV file.
    enum RawFrame: Equatable {
        case audio(index: Int, pcm: [UInt8])
        case failure(index: Int, message: String)
    }

    /// Decodes the first complete frame of `buffer` without converting its samples.
    static func decodeRaw(_ buffer: [UInt8], from start: Int) -> (RawFrame, Int)? {
        guard let length = frameLength(buffer, from: start) else { return nil }
        let index = Int(UInt32(buffer[start]) | UInt32(buffer[start + 1]) << 8 | UInt32(buffer[start + 2]) << 16 | UInt32(buffer[start + 3]) << 24)
        let count = Int(UInt32(buffer[start + 4]) | UInt32(buffer[start + 5]) << 8 | UInt32(buffer[start + 6]) << 16 | UInt32(buffer[start + 7]) << 24)
        if count == Int(failureMarker) {
            return (.failure(index: index, message: String(decoding: buffer[(start + 12)..<(start + length)], as: UTF8.self)), length)
        }
        return (.audio(index: index, pcm: Array(buffer[(start + 8)..<(start + 8 + count * 2)])), length)
    }
}

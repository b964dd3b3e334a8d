import AudiobookCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a 16-bit PCM mono WAV file as samples arrive, into a temporary file
/// that replaces the destination only when finished: an interrupted render
/// leaves no truncated WAV behind, and an earlier file stays until replaced.
public final class WAVWriter {
    /// Where the finished file goes.
    public let destination: URL
    public let sampleRate: Int
    /// Samples written so far.
    public private(set) var sampleCount = 0

    private let temporary: URL
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var finished = false

    /// Starts a WAV file; nothing appears at `destination` until `finish()`.
    public init(destination: URL, sampleRate: Int) throws {
        self.destination = destination
        self.sampleRate = sampleRate
        temporary = AtomicFile.temporaryURL(for: destination)
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw RenderError.cannotWrite(
                path: destination.path, reason: FileSystemReason.describe(errno: errno, path: temporary.path))
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: WAVWriter.header(sampleRate: sampleRate, sampleCount: 0, for: destination))
    }

    deinit {
        if !finished { discard() }
    }

    /// Appends samples.
    public func write(_ samples: [Int16]) throws {
        buffer.append(contentsOf: SampleBytes.littleEndian(samples))
        sampleCount += samples.count
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends 16-bit little-endian sample bytes.
    public func write(pcm bytes: [UInt8]) throws {
        sampleCount += bytes.count / 2
        if bytes.count >= 1 << 16 {
            // Large blocks go straight to the file.
            try flush()
            try writeToFile(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends silence.
    public func writeSilence(milliseconds: Int) throws {
        try writeSilence(samples: milliseconds * sampleRate / 1000)
    }

    /// Appends a number of silent samples.
    public func writeSilence(samples count: Int) throws {
        guard count > 0 else { return }
        buffer.append(contentsOf: repeatElement(0, count: count * 2))
        sampleCount += count
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Completes the header and puts the file in place.
    public func finish() throws {
        try complete()
        try AtomicFile.replace(destination, with: temporary)
    }

    /// Completes the header but leaves the file under its temporary name, to be put
    /// in place later with `AtomicFile.replace(destination, with: temporaryFile)`.
    public func complete() throws {
        try flush()
        try handle.seek(toOffset: 0)
        try writeToFile([UInt8](WAVWriter.header(sampleRate: sampleRate, sampleCount: sampleCount, for: destination)))
        try handle.close()
        finished = true
    }

    /// The temporary file the audio is written to.
    public var temporaryFile: URL { temporary }

    /// Abandons the file: the temporary is removed, the destination untouched.
    public func discard() {
        finished = true
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }

    /// Writes buffered samples to the temporary file, so that it can be read back.
    public func flushPending() throws { try flush() }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try writeToFile(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes through, turning a full disk or a file-size limit into a clear error.
    private func writeToFile(_ bytes: [UInt8]) throws {
        let descriptor = handle.fileDescriptor
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else {
                throw RenderError.cannotWrite(
                    path: destination.path, reason: FileSystemReason.describe(errno: result < 0 ? errno : ENOSPC))
            }
            written += result
        }
    }

    /// The most samples a WAV header can describe: its sizes are 32-bit, and the RIFF size adds 36 bytes.
    public static let maximumSamples = (Int(UInt32.max) - 36) / 2

    /// The 44-byte RIFF/WAVE header of 16-bit PCM mono audio. Audio its 32-bit sizes cannot describe is
    /// refused, never written with sizes that wrap (a player would stop early, silently).
    public static func header(sampleRate: Int, sampleCount: Int, for destination: URL) throws -> Data {
        guard sampleCount <= maximumSamples else {
            let hours = Double(sampleCount) / Double(sampleRate) / 3600
            throw RenderError.cannotWrite(
                path: destination.relativePath,
                reason: String(
                    format:
                        "%.1f hours of audio is more than a WAV file can hold (%.1f hours at %d Hz); split the scene",
                    hours, Double(maximumSamples) / Double(sampleRate) / 3600, sampleRate))
        }
        var data = Data()
        func append32(_ value: Int) {
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { data.append(contentsOf: $0) }
        }
        func append16(_ value: Int) {
            withUnsafeBytes(of: UInt16(truncatingIfNeeded: value).littleEndian) { data.append(contentsOf: $0) }
        }
        let dataSize = sampleCount * 2
        data.append(contentsOf: Array("RIFF".utf8))
        append32(36 + dataSize)
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        append32(16)  // fmt chunk size
        append16(1)  // PCM
        append16(1)  // mono
        append32(sampleRate)
        append32(sampleRate * 2)  // byte rate
        append16(2)  // block align
        append16(16)  // bits per sample
        data.append(contentsOf: Array("data".utf8))
        append32(dataSize)
        return data
    }
}

import Foundation
import Testing

@testable import AudiobookRender

@Suite("WAV writer")
struct WAVWriterTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wav-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func uint32(_ data: Data, _ offset: Int) -> UInt32 {
        data[offset..<(offset + 4)].enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * $1.offset) }
    }

    func uint16(_ data: Data, _ offset: Int) -> UInt16 {
        UInt16(data[offset]) | UInt16(data[offset + 1]) << 8
    }

    @Test("the header describes 16-bit PCM mono at the sample rate, with the right lengths")
    func header() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("a.wav")
        let writer = try WAVWriter(destination: url, sampleRate: 22050)
        try writer.write([1, -1, 32767, -32768])
        try writer.writeSilence(milliseconds: 10)
        try writer.finish()
        let data = try Data(contentsOf: url)
        let samples = 4 + 220
        #expect(data.count == 44 + samples * 2)
        #expect(String(decoding: data[0..<4], as: UTF8.self) == "RIFF")
        #expect(uint32(data, 4) == UInt32(36 + samples * 2))
        #expect(String(decoding: data[8..<16], as: UTF8.self) == "WAVEfmt ")
        #expect(uint32(data, 16) == 16)
        #expect(uint16(data, 20) == 1)  // PCM
        #expect(uint16(data, 22) == 1)  // mono
        #expect(uint32(data, 24) == 22050)
        #expect(uint32(data, 28) == 44100)  // byte rate
        #expect(uint16(data, 32) == 2)  // block align
        #expect(uint16(data, 34) == 16)  // bits
        #expect(String(decoding: data[36..<40], as: UTF8.self) == "data")
        #expect(uint32(data, 40) == UInt32(samples * 2))
        #expect(Array(data[44..<52]) == [1, 0, 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x80])
        #expect(writer.sampleCount == samples)
    }

    @Test("nothing appears until finish; a discarded file leaves the earlier one and no temporary")
    func atomic() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("scene-001.wav")
        try Data("earlier".utf8).write(to: url)
        let writer = try WAVWriter(destination: url, sampleRate: 22050)
        try writer.write([Int16](repeating: 5, count: 1000))
        #expect(try Data(contentsOf: url) == Data("earlier".utf8))
        writer.discard()
        #expect(try Data(contentsOf: url) == Data("earlier".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["scene-001.wav"])
    }

    @Test("a header for audio past what 32-bit sizes describe is refused, never written with sizes that wrap")
    func headerPastFourGigabytes() throws {
        let destination = URL(fileURLWithPath: "out/book/scene-012.wav")
        let largest = try WAVWriter.header(sampleRate: 22050, sampleCount: WAVWriter.maximumSamples, for: destination)
        #expect(uint32(largest, 40) == UInt32(WAVWriter.maximumSamples * 2))
        #expect(uint32(largest, 4) == UInt32(36 + WAVWriter.maximumSamples * 2))
        // 30 hours at 22,050 Hz: 4.76 GB of samples.
        #expect(
            throws: RenderError.cannotWrite(
                path: "out/book/scene-012.wav",
                reason: "30.0 hours of audio is more than a WAV file can hold (27.1 hours at 22050 Hz); split the scene"
            )
        ) {
            try WAVWriter.header(sampleRate: 22050, sampleCount: 30 * 3600 * 22050, for: destination)
        }
    }
}

import Foundation

/// 16-bit samples as little-endian bytes (WAV files and the worker protocol), copied in bulk.
public enum SampleBytes {
    public static func littleEndian(_ samples: [Int16]) -> [UInt8] {
        if 1.littleEndian == 1 {
            return samples.withUnsafeBytes { Array($0) }
        }
        return samples.flatMap { sample -> [UInt8] in
            let value = UInt16(bitPattern: sample)
            return [UInt8(value & 0xFF), UInt8(value >> 8)]
        }
    }

    /// Little-endian 16-bit sample bytes (a WAV's data, a worker's frame, ffmpeg's `s16le`) as samples.
    public static func samples(fromLittleEndian bytes: some ContiguousBytes) -> [Int16] {
        decoded(bytes) { $0 }
    }

    /// Little-endian 16-bit sample bytes as samples in −1…1 (a sample over 32,768).
    static func floats(fromLittleEndian bytes: some ContiguousBytes) -> [Float] {
        decoded(bytes) { Float($0) / 32768 }
    }

    private static func decoded<Sample>(_ bytes: some ContiguousBytes, _ convert: (Int16) -> Sample) -> [Sample] {
        bytes.withUnsafeBytes { raw in
            (0..<raw.count / 2).map { index in
                let low = UInt16(raw[index * 2])
                let high = UInt16(raw[index * 2 + 1]) << 8
                return convert(Int16(bitPattern: low | high))
            }
        }
    }
}

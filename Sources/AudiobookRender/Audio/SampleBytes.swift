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
}

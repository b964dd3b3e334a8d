/// 16-bit samples to and from little-endian bytes (WAV files and the worker protocol), copied in bulk.
enum SampleBytes {
    static func littleEndian(_ samples: [Int16]) -> [UInt8] {
        if 1.littleEndian == 1 {
            return samples.withUnsafeBytes { Array($0) }
        }
        return samples.flatMap { sample -> [UInt8] in
            let value = UInt16(bitPattern: sample)
            return [UInt8(value & 0xFF), UInt8(value >> 8)]
        }
    }

    static func samples(fromLittleEndian bytes: ArraySlice<UInt8>) -> [Int16] {
        let count = bytes.count / 2
        var samples = [Int16](repeating: 0, count: count)
        if 1.littleEndian == 1 {
            samples.withUnsafeMutableBytes { target in
                bytes.withUnsafeBytes { source in target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<(count * 2)])) }
            }
        } else {
            var index = bytes.startIndex
            for i in 0..<count {
                samples[i] = Int16(bitPattern: UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8)
                index += 2
            }
        }
        return samples
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Bytes read from a pipe and collected in one growing buffer.
struct ReadBuffer {
    private(set) var bytes: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 1 << 18)

    /// Reads what is available and appends it; returns read(2)'s result.
    mutating func read(from descriptor: Int32) -> Int {
        let got = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        if got > 0 { bytes.append(contentsOf: chunk[0..<got]) }
        return got
    }

    /// Forgets the first `count` bytes.
    mutating func drop(_ count: Int) {
        bytes.removeFirst(count)
    }
}

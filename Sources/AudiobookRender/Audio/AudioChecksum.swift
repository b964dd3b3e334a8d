import AudiobookCore

/// A checksum of audio bytes, fed in pieces of any size (a line as it is spoken, a cached unit
/// as it is read back a megabyte at a time): the same bytes give the same value however they
/// are cut. It mixes eight bytes at a time (FNV-1a's prime over 64-bit words), fast enough to
/// run over every sample a render writes.
struct AudioChecksum: Equatable {
    private var state = StableHash.offsetBasis
    private var carry: UInt64 = 0
    private var carried = 0
    private var count: UInt64 = 0

    mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        count &+= UInt64(bytes.count)
        while carried > 0, index < bytes.count {
            carry |= UInt64(bytes[index]) << (8 * UInt64(carried))
            carried += 1
            index += 1
            if carried == 8 {
                mix(carry)
                carry = 0
                carried = 0
            }
        }
        while index + 8 <= bytes.count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            index += 8
        }
        while index < bytes.count {
            carry |= UInt64(bytes[index]) << (8 * UInt64(carried))
            carried += 1
            index += 1
        }
    }

    mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine($0) }
    }

    private mutating func mix(_ word: UInt64) {
        state = (state ^ word) &* 0x0000_0100_0000_01B3
        state ^= state >> 29
    }

    /// The checksum of everything combined so far, as 16 hex digits.
    var hex: String {
        var copy = self
        if copy.carried > 0 { copy.mix(copy.carry) }
        copy.mix(count)
        return StableHash.hex(copy.state)
    }
}

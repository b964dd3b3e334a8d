import Foundation

/// A manuscript's bytes as read from disk, checked to be UTF-8 text and split into lines.
///
/// All offsets in the tool are UTF-8 byte offsets into `bytes`, so that a script
/// line can be traced back to the exact place in the user's file.
public struct Manuscript: Sendable {
    /// The path the manuscript was read from, as the user gave it.
    public let path: String
    /// The file's bytes, unchanged (a BOM, if any, is kept and skipped).
    public let bytes: [UInt8]
    /// The physical lines, without their terminators.
    public let lines: [SourceLine]
    /// What the container says about the book (an EPUB's package metadata), when it says anything.
    public var metadata: BookMetadata?

    /// The largest manuscript read: 64 MB, several times the longest novels (reading takes
    /// about 20 bytes of memory per byte of text).
    public static let maximumBytes = 64_000_000

    /// Reads and checks a manuscript file.
    public init(contentsOf path: String) throws(ManuscriptError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .notFound(path: path)
        }
        if isDirectory.boolValue { throw .isDirectory(path: path) }
        // A bound on memory and time: a longer text is refused before it is read.
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int,
            size > Manuscript.maximumBytes
        {
            throw .tooLarge(path: path, bytes: size, limit: Manuscript.maximumBytes)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: FileSystemReason.describe(error))
        }
        try self.init(path: path, bytes: [UInt8](data))
    }

    /// Checks bytes already in memory; `path` names them in messages.
    public init(path: String, bytes: [UInt8]) throws(ManuscriptError) {
        self.path = path
        self.bytes = bytes
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw .utf16(path: path)
        }
        let bodyStart = Manuscript.hasBOM(bytes) ? 3 : 0
        lines = Manuscript.splitLines(bytes, from: bodyStart)
        try Manuscript.validate(bytes, lines: lines, path: path)
        if !bytes[bodyStart...].contains(where: { !Manuscript.isWhitespaceByte($0) }) {
            throw .empty(path: path)
        }
    }

    /// A checksum of the file's bytes (64-bit FNV-1a), to notice when a manuscript changed.
    public var checksum: String { Manuscript.checksum(of: bytes) }

    /// The checksum of bytes, as `fnv1a64:` and 16 hex digits.
    public static func checksum(of bytes: [UInt8]) -> String {
        "fnv1a64:" + StableHash.hex(StableHash.fnv1a64(bytes))
    }

    /// The text of a byte range, decoded.
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The 1-based line that holds a byte offset.
    public func lineNumber(at offset: Int) -> Int {
        var low = 0
        var high = lines.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lines[mid].start <= offset { low = mid } else { high = mid - 1 }
        }
        return lines.isEmpty ? 1 : lines[low].number
    }

    static func hasBOM(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    static func isWhitespaceByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x0B
    }

    static func splitLines(_ bytes: [UInt8], from start: Int) -> [SourceLine] {
        var lines: [SourceLine] = []
        lines.reserveCapacity(bytes.count / 40 + 1)
        var lineStart = start
        var number = 1
        var index = start
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(SourceLine(number: number, start: lineStart, end: index))
                number += 1
                if byte == 0x0D, index + 1 < count, bytes[index + 1] == 0x0A { index += 1 }
                lineStart = index + 1
            }
            index += 1
        }
        if lineStart < count { lines.append(SourceLine(number: number, start: lineStart, end: count)) }
        return lines
    }

    /// Finds the first NUL byte or malformed UTF-8 sequence and names its line.
    static func validate(_ bytes: [UInt8], lines: [SourceLine], path: String) throws(ManuscriptError) {
        var lineIndex = 0
        func place(_ offset: Int) -> (line: Int, column: Int) {
            while lineIndex + 1 < lines.count, lines[lineIndex + 1].start <= offset { lineIndex += 1 }
            guard lineIndex < lines.count else { return (1, offset + 1) }
            return (lines[lineIndex].number, offset - lines[lineIndex].start + 1)
        }
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0 { throw .binary(path: path, line: place(index).line) }
                index += 1
                continue
            }
            let length = utf8SequenceLength(bytes, at: index)
            if length == 0 {
                let (line, column) = place(index)
                if (0x80...0x9F).contains(byte) || byte >= 0xF5 || looksLikeWindows1252(bytes) {
                    throw .windows1252(path: path, line: line, column: column, byte: byte)
                }
                throw .invalidUTF8(path: path, line: line, column: column, byte: byte)
            }
            index += length
        }
    }

    /// The length of a well-formed UTF-8 sequence at `index`, or 0 if malformed.
    static func utf8SequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        let second = bytes[index + 1]
        guard second >= low && second <= high else { return 0 }
        for offset in 2..<max(length, 2) where offset < length {
            let next = bytes[index + offset]
            guard next >= 0x80 && next <= 0xBF else { return 0 }
        }
        return length
    }

    /// Windows-1252 typographic quotes and dashes are bytes 0x91–0x97 standing alone.
    static func looksLikeWindows1252(_ bytes: [UInt8]) -> Bool {
        var hits = 0
        for (index, byte) in bytes.enumerated() where (0x91...0x97).contains(byte) {
            if index == 0 || bytes[index - 1] < 0x80 { hits += 1 }
            if hits >= 2 { return true }
        }
        return false
    }
}

import Foundation

/// Why a manuscript could not be read.
public enum ManuscriptError: LocalizedError, Equatable {
    case notFound(path: String)
    case isDirectory(path: String)
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    case binary(path: String, line: Int)
    case utf16(path: String)
    case windows1252(path: String, line: Int, column: Int, byte: UInt8)
    case invalidUTF8(path: String, line: Int, column: Int, byte: UInt8)

    /// The diagnostic a user sees.
    public var diagnostic: Diagnostic {
        switch self {
        case .notFound(let path):
            return Diagnostic(path: path, message: "no such file: \(path)")
        case .isDirectory(let path):
            return Diagnostic(path: path, message: "\(path) is a directory, not a manuscript file")
        case .unreadable(let path, let reason):
            return Diagnostic(path: path, message: "cannot read \(path): \(reason)")
        case .tooLarge(let path, let bytes, let limit):
            return Diagnostic(
                path: path,
                message: String(
                    format: "%@ is %.1f MB; manuscripts up to %d MB are read: split the book into volumes", path,
                    Double(bytes) / 1_000_000, limit / 1_000_000))
        case .empty(let path):
            return Diagnostic(path: path, message: "\(path) is empty: there is no text to read")
        case .binary(let path, let line):
            return Diagnostic(
                path: path, line: line,
                message: "binary file: a NUL byte is not text; give a UTF-8 text manuscript")
        case .utf16(let path):
            return Diagnostic(
                path: path,
                message:
                    "\(path) is UTF-16 text; convert it to UTF-8 first: iconv -f UTF-16 -t UTF-8 '\(path)' > book.txt")
        case .windows1252(let path, let line, let column, let byte):
            return Diagnostic(
                path: path, line: line, column: column,
                message: String(
                    format:
                        "invalid UTF-8 (byte 0x%02X); the file looks like Windows-1252, convert it: iconv -f WINDOWS-1252 -t UTF-8 '%@' > book.txt",
                    byte, path))
        case .invalidUTF8(let path, let line, let column, let byte):
            return Diagnostic(
                path: path, line: line, column: column,
                message: String(
                    format: "invalid UTF-8 (byte 0x%02X at byte %d of the line); save the file as UTF-8", byte, column))
        }
    }

    public var errorDescription: String? { diagnostic.description }
}

import Foundation

/// A book's cover picture, JPEG or PNG, checked by its first bytes.
public struct CoverImage: Sendable, Equatable {
    /// The picture's format.
    public enum Format: String, Sendable {
        case jpeg = "jpg"
        case png
    }

    /// The image file's bytes.
    public var data: Data
    /// JPEG or PNG.
    public var format: Format

    /// Checks image bytes; `name` says where they come from in messages.
    public init(data: Data, name: String) throws(CoverError) {
        if data.starts(with: [0xFF, 0xD8, 0xFF]) {
            format = .jpeg
        } else if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            format = .png
        } else {
            throw CoverError(message: "\(name) is not a JPEG or PNG image")
        }
        self.data = data
    }

    /// Reads a cover file; `namedBy` says who named it (`--cover`, the front matter of book.md).
    public init(contentsOf path: String, namedBy: String) throws(CoverError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CoverError(message: "no such file: \(path) (the cover named by \(namedBy))")
        }
        if isDirectory.boolValue {
            throw CoverError(message: "\(path) is a directory, not a cover image (named by \(namedBy))")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CoverError(message: "cannot read \(path): \(FileSystemReason.describe(error))")
        }
        try self.init(data: data, name: "\(path) (the cover named by \(namedBy))")
    }
}

/// Why a cover could not be used.
public struct CoverError: LocalizedError, Equatable {
    /// What is wrong.
    public var message: String
    public var errorDescription: String? { message }
}

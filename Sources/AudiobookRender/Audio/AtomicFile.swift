import AudiobookCore
import Foundation

/// Files appear whole or not at all: written beside their destination, then renamed over it.
public enum AtomicFile {
    /// A temporary name in the destination's folder (so that the rename stays on one file system).
    public static func temporaryURL(for destination: URL) -> URL {
        destination.deletingLastPathComponent()
            .appendingPathComponent(
                ".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString.prefix(8)).tmp"
            )
    }

    /// Writes data to a file atomically; a file that already holds exactly this data is left alone.
    public static func write(_ data: Data, to destination: URL) throws {
        if let existing = FileManager.default.contents(atPath: destination.path), existing == data { return }
        let temporary = temporaryURL(for: destination)
        do {
            try data.write(to: temporary)
            try replace(destination, with: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw RenderError.cannotWrite(path: destination.path, reason: FileSystemReason.describe(error))
        }
    }

    /// Renames a finished temporary file over the destination.
    static func replace(_ destination: URL, with temporary: URL) throws {
        if rename(temporary.path, destination.path) != 0 {
            let reason = FileSystemReason.describe(errno: errno, path: destination.path)
            try? FileManager.default.removeItem(at: temporary)
            throw RenderError.cannotWrite(path: destination.path, reason: reason)
        }
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Which file a cache record describes: its size, modification time (to the nanosecond) and inode.
/// A rename keeps all three, so a record made from a temporary file before it is renamed into
/// place is valid from the moment the file is there; any rewrite, copy or replacement changes one.
struct FileStamp: Codable, Equatable, Sendable {
    var size: Int64
    var modified: Int64
    var inode: UInt64

    /// The stamp of the file at `url`, or nil when there is none.
    init?(_ url: URL) {
        var info = Glibc.stat()
        guard stat(url.path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
    }

    init(size: Int64, modified: Int64, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.inode = inode
    }

    /// Writes a record as JSON with sorted keys, atomically.
    static func writeRecord<Record: Encodable>(_ record: Record, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(encoder.encode(record), to: url)
    }
}

import AudiobookCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One writer per book folder: an advisory `flock` on `BOOK/.audiobook/lock`, held for as long as
/// the process renders into the folder. A second render into the same folder fails at once (or
/// waits for the first); the lock file names the process that holds it and when it started. The
/// kernel lets go of a lock whose process died, so a lock file left by a process that no longer
/// runs is simply taken over, with a warning.
public final class FolderLock: @unchecked Sendable {
    /// Why a lock could not be had.
    public enum LockError: LocalizedError, Equatable {
        case held(folder: String, pid: Int32?, started: String?)
        case cannotOpen(path: String, reason: String)

        public var errorDescription: String? {
            switch self {
            case .held(let folder, let pid, let started):
                let holder = pid.map { "process \($0)" } ?? "another process"
                let since = started.map { " (started \($0))" } ?? ""
                return "\(folder) is being rendered by \(holder)\(since); wait for it or use another --output"
            case .cannotOpen(let path, let reason):
                return "cannot lock \(path): \(reason)"
            }
        }
    }

    /// What the lock file says of its holder.
    struct Holder: Codable {
        var pid: Int32
        var started: String
    }

    private let descriptor: Int32
    /// Held with others (the shards of one folder), naming no holder.
    private let shared: Bool
    /// The lock file.
    public let path: URL
    /// A warning to show: the lock was left by a process that no longer runs.
    public private(set) var takeOver: String?

    /// Locks `folder` (created if needed); with `wait`, waits for another render to finish.
    /// A shard holds the folder's lock together with the other shards (`shared`), and its own
    /// lock file, `name` (`lock-shard-2-of-4`), alone: shards of one book may share a folder,
    /// but not with a render or assemble of it, nor two of one shard.
    public init(folder: URL, wait: Bool = false, name: String = "lock", shared: Bool = false) throws {
        self.shared = shared
        try BookRenderer.createFolder(folder)
        let records = folder.appendingPathComponent(".audiobook")
        do {
            try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        } catch {
            throw LockError.cannotOpen(path: records.relativePath, reason: FileSystemReason.describe(error))
        }
        path = records.appendingPathComponent(name)
        descriptor = open(path.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw LockError.cannotOpen(path: path.relativePath, reason: FileSystemReason.describe(errno: errno))
        }
        let previous = FolderLock.holder(descriptor)
        if flock(descriptor, (shared ? LOCK_SH : LOCK_EX) | (wait ? 0 : LOCK_NB)) != 0 {
            let holder = FolderLock.holder(descriptor)
            close(descriptor)
            throw LockError.held(folder: folder.relativePath, pid: holder?.pid, started: holder?.started)
        }
        if shared { return }
        if let previous, previous.pid != getpid(), kill(previous.pid, 0) != 0 {
            takeOver =
                "\(folder.relativePath): warning: took over the lock of process \(previous.pid) (started \(previous.started)), which no longer runs"
        }
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        let holder = Holder(pid: getpid(), started: formatter.string(from: Date()))
        if let data = try? JSONEncoder().encode(holder) {
            ftruncate(descriptor, 0)
            _ = data.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Keeps the lock until the process ends. On the way out (or when interrupted) the lock file is
    /// emptied: a holder named there afterwards is one that died without letting go.
    public func holdUntilExit() {
        FolderLock.lock.lock()
        FolderLock.held.append(self)
        FolderLock.lock.unlock()
        FolderLock.registerExitHandler
    }

    /// Empties every held lock file (the kernel lets go of the locks themselves as the process ends).
    public static func releaseAll() {
        lock.lock()
        defer { lock.unlock() }
        for held in held where !held.shared { ftruncate(held.descriptor, 0) }
    }

    nonisolated(unsafe) private static var held: [FolderLock] = []
    private static let lock = NSLock()
    private static let registerExitHandler: Void = { atexit { FolderLock.releaseAll() } }()

    static func holder(_ descriptor: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return try? JSONDecoder().decode(Holder.self, from: Data(buffer[0..<count]))
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C or a TERM signal during a render: the workers are stopped, this
/// process's temporary files are removed, and every finished file stays as it
/// is, so that the same render run again resumes from what was done.
public enum RenderInterruption {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    private static let lock = NSLock()
    nonisolated(unsafe) private static var workers: Set<Int32> = []

    /// Catches SIGINT and SIGTERM for a render into `folder`.
    public static func install(cleaning folder: URL) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                stopWorkers()
                removeTemporaryFiles(in: folder)
                FolderLock.releaseAll()
                FileHandle.standardError.write(
                    Data("interrupted: finished files are kept; run the same command again to resume\n".utf8))
                _exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    static func register(worker pid: Int32) {
        lock.lock()
        workers.insert(pid)
        lock.unlock()
    }

    static func unregister(worker pid: Int32) {
        lock.lock()
        workers.remove(pid)
        lock.unlock()
    }

    static func stopWorkers() {
        lock.lock()
        let pids = workers
        lock.unlock()
        for pid in pids { kill(pid, SIGKILL) }
    }

    /// Temporary files carry this process's id: `.scene-001.wav.1234.ab12cd34.tmp`, `.m4b-1234-…`.
    static func removeTemporaryFiles(in folder: URL) {
        let own = ProcessInfo.processInfo.processIdentifier
        removeTemporaryFiles(in: folder) { $0 == own }
    }

    /// Removes what renders that died (`kill -9`, a lost machine) left in the folder: the temporary
    /// files of processes that no longer run. Those of a live process (a preview beside the render)
    /// are its own and stay. Returns how many were removed.
    @discardableResult
    public static func removeLeftovers(in folder: URL) -> Int {
        removeTemporaryFiles(in: folder) { pid in kill(pid, 0) != 0 && errno == ESRCH }
    }

    /// The process id a temporary name carries, if it is one of ours.
    static func owner(ofTemporary name: String) -> Int32? {
        guard name.hasPrefix(".") else { return nil }
        if name.hasPrefix(".m4b-") { return Int32(name.dropFirst(5).prefix { $0 != "-" }) }
        guard name.hasSuffix(".tmp") else { return nil }
        let parts = name.split(separator: ".")
        guard parts.count >= 4 else { return nil }
        return Int32(parts[parts.count - 3])
    }

    @discardableResult
    static func removeTemporaryFiles(in folder: URL, ownedBy matches: (Int32) -> Bool) -> Int {
        var removed = 0
        let places = [
            folder, folder.appendingPathComponent(".audiobook"), folder.appendingPathComponent(".audiobook/pieces"),
        ]
        for place in places {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: place.path)) ?? [] {
                guard let pid = owner(ofTemporary: name), matches(pid) else { continue }
                if (try? FileManager.default.removeItem(at: place.appendingPathComponent(name))) != nil { removed += 1 }
            }
        }
        return removed
    }
}

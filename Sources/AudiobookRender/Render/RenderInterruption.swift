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

    /// Temporary files carry this process's id: `.scene-001.wav.1234.ab12cd34.tmp`, `.m4b-…`.
    static func removeTemporaryFiles(in folder: URL) {
        let marker = ".\(ProcessInfo.processInfo.processIdentifier)."
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            if (name.hasPrefix(".") && name.contains(marker) && name.hasSuffix(".tmp")) || name.hasPrefix(".m4b-") {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
        for records in [
            folder.appendingPathComponent(".audiobook"), folder.appendingPathComponent(".audiobook/pieces"),
        ] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: records.path)) ?? []
            where name.contains(marker) {
                try? FileManager.default.removeItem(at: records.appendingPathComponent(name))
            }
        }
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A synthesis worker: a child process that speaks one job from espeak-ng's fresh
/// state. If espeak-ng crashes or hangs on a line, only this process is lost.
final class WorkerProcess {
    /// How a wait for the next frame ended.
    enum Event: Equatable {
        case frame(WorkerProtocol.RawFrame)
        /// The process ended before sending every frame (`signal` set when a signal killed it).
        case ended(status: Int32, signal: Int32?)
        case timedOut
        /// The worker's output is garbled (see `WorkerProtocol.ReadOutcome.garbled`); it was stopped.
        case garbled
    }

    private let process = Process()
    private let output = Pipe()
    /// F_SETPIPE_SZ (Linux, F_LINUX_SPECIFIC_BASE + 7), which Glibc hides without _GNU_SOURCE.
    private static let setPipeSize: Int32 = 1031
    private let input = Pipe()

    /// The command the worker runs.
    let command: [String]

    /// The worker's process id.
    var processIdentifier: Int32 { process.processIdentifier }

    /// Starts `command` (the `audiobook` binary and its hidden worker subcommand); jobs follow with `send`.
    init(command: [String]) throws {
        self.command = command
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        // A larger pipe (1 MB, the usual limit; the default stays if refused): the audio crosses
        // in fewer, larger writes, with fewer wake-ups on both sides.
        _ = fcntl(output.fileHandleForReading.fileDescriptor, WorkerProcess.setPipeSize, 1 << 20)
        // Resolve every symbol once in the worker, not again in each forked child.
        var environment = ProcessInfo.processInfo.environment
        environment["LD_BIND_NOW"] = "1"
        process.environment = environment
        do {
            try process.run()
        } catch {
            throw RenderError.workerFailed(reason: "\(command[0]): \(error.localizedDescription)")
        }
        RenderInterruption.register(worker: process.processIdentifier)
    }

    /// Hands the worker a job: a length, then the job as JSON. A worker that died only makes this fail.
    func send(_ job: WorkerProtocol.Job) throws {
        let data = try JSONEncoder().encode(job)
        var message = Data()
        withUnsafeBytes(of: UInt32(data.count).littleEndian) { message.append(contentsOf: $0) }
        message.append(data)
        try? input.fileHandleForWriting.write(contentsOf: message)
    }

    deinit {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        RenderInterruption.unregister(worker: process.processIdentifier)
    }

    /// Waits up to `timeout` seconds for the next frame.
    func next(timeout: TimeInterval) -> Event {
        switch WorkerProtocol.readFrame(
            from: output.fileHandleForReading.fileDescriptor, deadline: Date().addingTimeInterval(timeout))
        {
        case .frame(let frame):
            return .frame(frame)
        case .ended:
            process.waitUntilExit()
            let signal = process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil
            return .ended(status: process.terminationStatus, signal: signal)
        case .timedOut:
            kill()
            return .timedOut
        case .garbled:
            kill()
            return .garbled
        }
    }

    /// Stops the worker at once.
    func kill() {
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// Workers started early, while the book is still being read and attributed, so
/// that they are ready (espeak-ng initialised) when the first unit is handed out.
public enum SpareWorkers {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var spares: [WorkerProcess] = []

    /// Starts `count` workers for `command` in the background; failures are left for later (the pool starts its own).
    public static func start(command: [String], count: Int) {
        for _ in 0..<max(0, count) {
            guard let worker = try? WorkerProcess(command: command) else { return }
            lock.withLock { spares.append(worker) }
        }
    }

    /// A worker started earlier for `command`, if one is left.
    static func take(command: [String]) -> WorkerProcess? {
        lock.withLock {
            guard let index = spares.firstIndex(where: { $0.command == command }) else { return nil }
            return spares.remove(at: index)
        }
    }
}

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
    }

    private let process = Process()
    private let output = Pipe()
    private var buffer = ReadBuffer()
    private var consumed = 0
    private var reachedEnd = false

    private let input = Pipe()

    /// Starts `command` (the `audiobook` binary and its hidden worker subcommand); jobs follow with `send`.
    init(command: [String]) throws {
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
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
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let (frame, length) = WorkerProtocol.decodeRaw(buffer.bytes, from: consumed) {
                consumed += length
                if consumed > 1 << 22 {
                    buffer.drop(consumed)
                    consumed = 0
                }
                return .frame(frame)
            }
            if reachedEnd {
                process.waitUntilExit()
                let signal = process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil
                return .ended(status: process.terminationStatus, signal: signal)
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                kill()
                return .timedOut
            }
            readAvailable(waitingUpTo: remaining)
        }
    }

    /// Stops the worker at once.
    func kill() {
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    private func readAvailable(waitingUpTo seconds: TimeInterval) {
        let descriptor = output.fileHandleForReading.fileDescriptor
        var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&pollDescriptor, 1, Int32(min(seconds, 1) * 1000))
        guard ready > 0 else { return }
        let count = buffer.read(from: descriptor)
        if count > 0 {
            return
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
            reachedEnd = true
        }
    }
}

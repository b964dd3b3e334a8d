import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A synthesis worker: a child process that speaks one job from espeak-ng's fresh
/// state. If espeak-ng crashes or hangs on a line, only this process is lost.
final class WorkerProcess {
    /// How a wait for the next frame ended.
    enum Event: Equatable {
        case frame(WorkerProtocol.Frame)
        /// The process ended before sending every frame (`signal` set when a signal killed it).
        case ended(status: Int32, signal: Int32?)
        case timedOut
    }

    private let process = Process()
    private let output = Pipe()
    private var buffer: [UInt8] = []
    private var consumed = 0
    private var reachedEnd = false

    /// Starts `command` (the `audiobook` binary and its hidden worker subcommand) and hands it the job.
    init(command: [String], job: WorkerProtocol.Job) throws {
        let input = Pipe()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw RenderError.workerFailed(reason: "\(command[0]): \(error.localizedDescription)")
        }
        let data = try JSONEncoder().encode(job)
        // The worker reads its whole job before it speaks; a worker that died early only makes this write fail.
        try? input.fileHandleForWriting.write(contentsOf: data)
        try? input.fileHandleForWriting.close()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Waits up to `timeout` seconds for the next frame.
    func next(timeout: TimeInterval) -> Event {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let (frame, length) = WorkerProtocol.decode(buffer, from: consumed) {
                consumed += length
                if consumed > 1 << 20 {
                    buffer.removeFirst(consumed)
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
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            buffer.append(contentsOf: chunk[0..<count])
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
            reachedEnd = true
        }
    }
}

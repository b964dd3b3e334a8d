import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The worker side: speaks a job's units and writes a frame for each utterance.
///
/// The worker initialises espeak-ng once and never speaks itself: each unit (a
/// paragraph) is spoken by a child forked from it, so every unit starts from the
/// same fresh state. A unit's audio therefore depends on that unit alone and can
/// be cached and reused, and a line that crashes or hangs espeak-ng takes only
/// its child down: the line is reported and the rest of the unit goes on in a new child.
public enum SynthesisWorker {
    /// Seconds a child may take per utterance before it is stopped (more for longer text).
    static func timeLimit(for utterances: ArraySlice<Utterance>) -> UInt32 {
        UInt32(30 * utterances.count + utterances.reduce(0) { $0 + $1.text.utf8.count } / 200)
    }

    /// Reads a job from `input`, speaks it, writes frames to `output`. Returns when done.
    public static func run(input: FileHandle, output: FileHandle) throws {
        let data = input.readDataToEndOfFile()
        let job = try JSONDecoder().decode(WorkerProtocol.Job.self, from: data)
        let engine = try SpeechEngine.shared()
        var first = 0
        for unit in job.units {
            var next = 0
            while next < unit.count {
                let (frames, failure) = speakInChild(unit[next...], firstIndex: first + next, engine: engine)
                for frame in frames { try output.write(contentsOf: WorkerProtocol.encode(frame)) }
                next += frames.count
                if let failure, next < unit.count {
                    try output.write(contentsOf: WorkerProtocol.encode(.failure(index: first + next, message: failure)))
                    next += 1
                }
            }
            first += unit.count
        }
    }

    /// Speaks utterances in a forked child; returns the frames it completed and, if it
    /// stopped early, why (the reason applies to the first utterance without a frame).
    static func speakInChild(_ utterances: ArraySlice<Utterance>, firstIndex: Int, engine: SpeechEngine) -> ([WorkerProtocol.Frame], String?) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { return ([], "cannot create a pipe: \(String(cString: strerror(errno)))") }
        let limit = timeLimit(for: utterances)
        let child = fork()
        if child == 0 {
            close(descriptors[0])
            alarm(limit)
            for (offset, utterance) in utterances.enumerated() {
                let frame: WorkerProtocol.Frame
                do {
                    frame = .audio(index: firstIndex + offset, try engine.speak(utterance))
                } catch {
                    frame = .failure(index: firstIndex + offset, message: error.errorDescription ?? "\(error)")
                }
                let bytes = [UInt8](WorkerProtocol.encode(frame))
                var written = 0
                while written < bytes.count {
                    let result = bytes[written...].withUnsafeBytes { Glibc.write(descriptors[1], $0.baseAddress, $0.count) }
                    if result <= 0 { _exit(3) }
                    written += result
                }
            }
            _exit(0)
        }
        close(descriptors[1])
        guard child > 0 else {
            close(descriptors[0])
            return ([], "cannot start a process: \(String(cString: strerror(errno)))")
        }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptors[0], $0.baseAddress, $0.count) }
            if count > 0 { received.append(contentsOf: chunk[0..<count]) } else if count < 0, errno == EINTR { continue } else { break }
        }
        close(descriptors[0])
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        var frames: [WorkerProtocol.Frame] = []
        var cursor = 0
        while let (frame, length) = WorkerProtocol.decode(received, from: cursor) {
            frames.append(frame)
            cursor += length
        }
        let signal = status & 0x7F
        if frames.count == utterances.count { return (frames, nil) }
        if signal == SIGALRM { return (frames, "espeak-ng did not finish this line within \(limit) s") }
        if signal != 0 { return (frames, "espeak-ng crashed on this line (signal \(signal))") }
        return (frames, "the synthesis process stopped on this line (exit status \((status >> 8) & 0xFF))")
    }
}

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

    /// Reads jobs from `input` (each a UInt32 length and JSON), speaks them, writes frames
    /// to `output`. Returns at the end of the input.
    public static func run(input: FileHandle, output: FileHandle) throws {
        let engine = try SpeechEngine.shared()
        while let length = try readExactly(4, from: input) {
            let size = Int(length[0]) | Int(length[1]) << 8 | Int(length[2]) << 16 | Int(length[3]) << 24
            guard let data = try readExactly(size, from: input) else { return }
            try speak(JSONDecoder().decode(WorkerProtocol.Job.self, from: data), engine: engine, output: output)
        }
    }

    static func readExactly(_ count: Int, from input: FileHandle) throws -> Data? {
        var data = Data()
        while data.count < count {
            guard let more = try input.read(upToCount: count - data.count), !more.isEmpty else { return nil }
            data.append(more)
        }
        return data
    }

    static func speak(_ job: WorkerProtocol.Job, engine: SpeechEngine, output: FileHandle) throws {
        var first = 0
        for unit in job.units {
            var next = 0
            while next < unit.count {
                let (frames, count, failure) = speakInChild(unit[next...], firstIndex: first + next, engine: engine)
                try output.write(contentsOf: frames)
                next += count
                if let failure, next < unit.count {
                    try output.write(contentsOf: WorkerProtocol.encode(.failure(index: first + next, message: failure)))
                    next += 1
                }
            }
            first += unit.count
        }
    }

    /// Speaks utterances in a forked child; returns the bytes of the frames it completed
    /// (forwarded as they are), their number and, if it stopped early, why (the reason
    /// applies to the first utterance without a frame).
    static func speakInChild(_ utterances: ArraySlice<Utterance>, firstIndex: Int, engine: SpeechEngine) -> (Data, Int, String?) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { return (Data(), 0, "cannot create a pipe: \(String(cString: strerror(errno)))") }
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
                if !WorkerProtocol.write(frame, to: descriptors[1]) { _exit(3) }
            }
            _exit(0)
        }
        close(descriptors[1])
        guard child > 0 else {
            close(descriptors[0])
            return (Data(), 0, "cannot start a process: \(String(cString: strerror(errno)))")
        }
        var received = ReadBuffer()
        while true {
            let count = received.read(from: descriptors[0])
            if count > 0 { continue } else if count < 0, errno == EINTR { continue } else { break }
        }
        close(descriptors[0])
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        // Only whole frames go on: a child that died in the middle of one leaves no trace.
        var count = 0
        var complete = 0
        while count < utterances.count, let length = WorkerProtocol.frameLength(received.bytes, from: complete) {
            complete += length
            count += 1
        }
        let frames = received.bytes.withUnsafeBytes { Data($0[0..<complete]) }
        let signal = status & 0x7F
        if count == utterances.count { return (frames, count, nil) }
        if signal == SIGALRM { return (frames, count, "espeak-ng did not finish this line within \(limit) s") }
        if signal != 0 { return (frames, count, "espeak-ng crashed on this line (signal \(signal))") }
        return (frames, count, "the synthesis process stopped on this line (exit status \((status >> 8) & 0xFF))")
    }
}

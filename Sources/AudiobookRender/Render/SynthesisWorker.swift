internal import CEspeakNG
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
        // espeak-ng lists every installed voice (some 370 files) the first time a name needs
        // looking up; done here, once, the children inherit the list instead of each reading it.
        _ = engine.installedVoices()
        let store = SampleStore()
        while let length = try readExactly(4, from: input) {
            let size = Int(length[0]) | Int(length[1]) << 8 | Int(length[2]) << 16 | Int(length[3]) << 24
            guard let data = try readExactly(size, from: input) else { return }
            try speak(
                JSONDecoder().decode(WorkerProtocol.Job.self, from: data), engine: engine, store: store, output: output)
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

    static func speak(_ job: WorkerProtocol.Job, engine: SpeechEngine, store: SampleStore, output: FileHandle) throws {
        var first = 0
        for unit in job.units {
            var next = 0
            while next < unit.count {
                let (count, failure) = speakInChild(
                    unit[next...], firstIndex: first + next, engine: engine, store: store, output: output.fileDescriptor
                )
                next += count
                if let failure, next < unit.count {
                    try output.write(contentsOf: WorkerProtocol.encode(.failure(index: first + next, message: failure)))
                    next += 1
                }
            }
            first += unit.count
        }
    }

    /// Speaks utterances in a forked child, which writes their frames straight to `output`
    /// (the renderer's pipe: the audio is not copied through this process). Returns how many
    /// frames the child completed and, if it stopped early, why (the reason applies to the
    /// first utterance without a frame).
    ///
    /// A frame is written with every signal blocked and then acknowledged on a second pipe, so
    /// a child that crashes or runs out of time leaves either a whole frame or none: an alarm
    /// or a crash in espeak-ng cannot cut one in half.
    static func speakInChild(
        _ utterances: ArraySlice<Utterance>, firstIndex: Int, engine: SpeechEngine, store: SampleStore,
        output: Int32
    ) -> (Int, String?) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { return (0, "cannot create a pipe: \(String(cString: strerror(errno)))") }
        let limit = timeLimit(for: utterances)
        let worker = getpid()
        let child = fork()
        if child == 0 {
            // The child dies with the worker. Left running, it would hold the worker's end of the
            // socket Foundation's Process watches to learn that the worker exited (it is inherited
            // by every fork), and the renderer's wait for a killed worker would last until the
            // child's time limit, or for ever if the child is blocked writing to the renderer.
            // (The signal follows the forking thread: here the worker's main thread, which lives as long as it.)
            if audiobook_die_with_parent() != 0 || getppid() != worker { _exit(4) }
            close(descriptors[0])
            alarm(limit)
            var all = sigset_t()
            var previous = sigset_t()
            sigfillset(&all)
            var acknowledgement: UInt8 = 1
            for (offset, utterance) in utterances.enumerated() {
                let index = firstIndex + offset
                let written: Bool
                do {
                    let events = try engine.speak(utterance, into: store)
                    sigprocmask(SIG_BLOCK, &all, &previous)
                    written = WorkerProtocol.writeAudio(
                        index: index, samples: store.samples, events: events, to: output)
                } catch {
                    sigprocmask(SIG_BLOCK, &all, &previous)
                    written = WorkerProtocol.write(
                        .failure(index: index, message: error.errorDescription ?? "\(error)"), to: output)
                }
                guard written, Glibc.write(descriptors[1], &acknowledgement, 1) == 1 else { _exit(3) }
                sigprocmask(SIG_SETMASK, &previous, nil)
            }
            _exit(0)
        }
        close(descriptors[1])
        guard child > 0 else {
            close(descriptors[0])
            return (0, "cannot start a process: \(String(cString: strerror(errno)))")
        }
        var count = 0
        var acknowledgements = [UInt8](repeating: 0, count: 256)
        while true {
            let got = read(descriptors[0], &acknowledgements, acknowledgements.count)
            if got > 0 { count += got } else if got < 0, errno == EINTR { continue } else { break }
        }
        close(descriptors[0])
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        let signal = status & 0x7F
        if count >= utterances.count { return (utterances.count, nil) }
        if signal == SIGALRM { return (count, "espeak-ng did not finish this line within \(limit) s") }
        // Killed from outside (an operator, a scheduler, the out-of-memory killer) is no crash of espeak-ng's.
        if [SIGKILL, SIGTERM, SIGINT, SIGHUP, SIGQUIT].contains(signal) {
            return (count, "the process speaking this line was stopped from outside (signal \(signal))")
        }
        if signal != 0 { return (count, "espeak-ng crashed on this line (signal \(signal))") }
        return (count, "the synthesis process stopped on this line (exit status \((status >> 8) & 0xFF))")
    }
}

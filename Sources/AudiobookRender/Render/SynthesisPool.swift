import Foundation

/// Speaks units in worker processes, several at once, handing work out in small
/// chunks so that every core stays busy to the end. A worker that dies is
/// replaced and its unit tried once more; a unit that kills a worker twice is
/// given up, its lines reported as failed.
final class SynthesisPool: @unchecked Sendable {
    /// One line's outcome.
    enum LineAudio: Equatable {
        /// 16-bit little-endian samples, as they go into a WAV file.
        case pcm([UInt8])
        case failed(String)
    }

    /// Work to do: a unit's utterances, in the order the assembler needs them.
    struct Work {
        var utterances: [Utterance]
    }

    private let work: [Work]
    private let jobs: Int
    private let workerCommand: [String]
    /// How far ahead of the assembler the workers may run, in units (bounds memory).
    private let window: Int
    /// How far ahead of the assembler the workers may run, in characters of text: about 2.6 KB
    /// of audio a character, so (jobs + 1) × 6,000 characters is some 50 MB at two jobs, whatever
    /// the book's length, even when the disk holds the assembler back.
    private let windowCharacters: Int
    static let chunkCharacterLimit = 6000
    private let condition = NSCondition()
    private var next = 0
    private var consumed = 0
    private var results: [Int: [LineAudio]] = [:]
    private var startError: (any Error)?
    private var threads: [Thread] = []

    init(work: [Work], jobs: Int, workerCommand: [String]) {
        self.work = work
        self.jobs = max(1, jobs)
        self.workerCommand = workerCommand
        window = self.jobs * SynthesisPool.chunkUnits + 8
        windowCharacters = (self.jobs + 1) * SynthesisPool.chunkCharacterLimit
        var remaining: [Int] = Array(repeating: 0, count: work.count + 1)
        for index in work.indices.reversed() {
            remaining[index] = remaining[index + 1] + work[index].utterances.reduce(0) { $0 + $1.text.utf8.count }
        }
        remainingCharacters = remaining
    }

    /// Text of the work from each index to the end.
    private let remainingCharacters: [Int]

    /// At most this much text goes to a worker at once (at least one unit): up to 6,000 characters,
    /// less as the work runs out, so that the workers finish together (and a preview is shared).
    private func chunkCharacters(from index: Int) -> Int {
        min(SynthesisPool.chunkCharacterLimit, max(1, remainingCharacters[index] / (jobs * 4)))
    }

    /// At most this many units go to a worker at once.
    static let chunkUnits = 24

    /// Starts the worker threads.
    func start() {
        guard !work.isEmpty else { return }
        for _ in 0..<min(jobs, work.count) {
            let thread = Thread { [self] in self.runWorkerLoop() }
            thread.stackSize = 1 << 22
            threads.append(thread)
            thread.start()
        }
    }

    /// Waits for a unit's audio and hands it over (it is then forgotten).
    func audio(for index: Int) throws -> [LineAudio] {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil {
            if let startError { throw startError }
            condition.wait()
        }
        consumed = max(consumed, index + 1)
        condition.broadcast()
        return results.removeValue(forKey: index)!
    }

    private func takeChunk() -> Range<Int>? {
        condition.lock()
        defer { condition.unlock() }
        while next < work.count, next > consumed,
            next - consumed >= window || remainingCharacters[consumed] - remainingCharacters[next] >= windowCharacters,
            startError == nil
        { condition.wait() }
        guard next < work.count, startError == nil else { return nil }
        var end = next
        var characters = 0
        let limit = chunkCharacters(from: next)
        while end < work.count, end - next < SynthesisPool.chunkUnits, characters < limit {
            characters += remainingCharacters[end] - remainingCharacters[end + 1]
            end += 1
        }
        defer { next = end }
        return next..<end
    }

    private func deliver(_ index: Int, _ lines: [LineAudio]) {
        condition.lock()
        results[index] = lines
        condition.broadcast()
        condition.unlock()
    }

    private func fail(_ error: any Error) {
        condition.lock()
        if startError == nil { startError = error }
        condition.broadcast()
        condition.unlock()
    }

    private func runWorkerLoop() {
        var worker: WorkerProcess?
        while let chunk = takeChunk() {
            do {
                try speak(chunk, worker: &worker)
            } catch {
                fail(error)
                return
            }
        }
    }

    /// Speaks a chunk, replacing a worker that dies; a unit gets two tries.
    private func speak(_ chunk: Range<Int>, worker existing: inout WorkerProcess?) throws {
        var unit = chunk.lowerBound
        var deaths = 0
        while unit < chunk.upperBound {
            let units = Array(work[unit..<chunk.upperBound])
            let worker =
                try existing ?? SpareWorkers.take(command: workerCommand) ?? WorkerProcess(command: workerCommand)
            existing = worker
            try worker.send(WorkerProtocol.Job(units: units.map(\.utterances)))
            var lines: [LineAudio] = []
            var lineBase = 0
            var died: String?
            while unit < chunk.upperBound, died == nil {
                let expected = work[unit].utterances.count
                if lines.count == expected {
                    deliver(unit, lines)
                    lineBase += expected
                    lines = []
                    unit += 1
                    deaths = 0
                    continue
                }
                let timeout = TimeInterval(SynthesisWorker.timeLimit(for: work[unit].utterances[...]) + 30)
                switch worker.next(timeout: timeout) {
                case .frame(.audio(let index, let pcm)) where index == lineBase + lines.count:
                    lines.append(.pcm(pcm))
                case .frame(.failure(let index, let message)) where index == lineBase + lines.count:
                    lines.append(.failed(message))
                case .frame:
                    died = "the synthesis worker answered out of order"
                case .ended(_, let signal?):
                    died = "the synthesis worker died (signal \(signal))"
                case .ended(let status, nil):
                    died = "the synthesis worker stopped (exit status \(status))"
                case .timedOut:
                    died = "the synthesis worker did not answer within \(Int(timeout)) s"
                case .garbled:
                    died = "the synthesis worker's answer was cut off (the process speaking a line was stopped)"
                }
            }
            if let died, unit < chunk.upperBound {
                worker.kill()
                existing = nil
                deaths += 1
                if deaths >= 2 {
                    // Tried twice: give the unit up, line by line, and go on with the rest.
                    deliver(unit, work[unit].utterances.map { _ in .failed("\(died), twice; the line was skipped") })
                    unit += 1
                    deaths = 0
                }
            }
        }
    }
}

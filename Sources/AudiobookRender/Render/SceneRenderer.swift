import AudiobookCore
import Foundation

/// Speaks one scene into its WAV file.
///
/// The scene's utterances are spoken in a fresh worker process, so the audio
/// depends on the scene alone, never on what was rendered before. If espeak-ng
/// crashes or hangs on a line, that line becomes silence, a warning names its
/// scene and source line, and a new worker goes on from the next line.
public struct SceneRenderer: Sendable {
    /// The command that starts a worker: the `audiobook` binary and its hidden worker subcommand.
    public var workerCommand: [String]
    /// espeak-ng's sample rate.
    public var sampleRate: Int
    /// Seconds a worker may take for a short line before it is taken to hang (longer lines get more).
    public var lineTimeout: TimeInterval = 30

    /// Creates a renderer.
    public init(workerCommand: [String], sampleRate: Int) {
        self.workerCommand = workerCommand
        self.sampleRate = sampleRate
    }

    /// A line that could not be spoken.
    public struct LineFailure: Sendable, Equatable {
        public var scene: Int
        public var line: ScriptLine
        public var reason: String
    }

    /// Renders a scene to `destination`, which appears only when complete.
    public func render(_ plan: ScenePlan, to destination: URL, failures: (LineFailure) -> Void) throws -> RenderedScene {
        let writer = try WAVWriter(destination: destination, sampleRate: sampleRate)
        var cues: [Cue] = []
        var next = 0
        do {
            while next < plan.lines.count {
                let job = WorkerProtocol.Job(utterances: plan.lines[next...].map(\.utterance))
                let worker = try WorkerProcess(command: workerCommand, job: job)
                let base = next
                var failure: String?
                while next < plan.lines.count, failure == nil {
                    switch worker.next(timeout: timeout(for: plan.lines[next])) {
                    case .frame(.audio(let index, let audio)) where base + index == next:
                        try add(plan.lines[next], samples: audio.samples, to: writer, plan: plan, cues: &cues)
                        next += 1
                    case .frame(.failure(let index, let message)) where base + index == next:
                        failure = message
                    case .frame:
                        failure = "the worker answered out of order"
                    case .ended(_, let signal?):
                        failure = "espeak-ng crashed on this line (signal \(signal))"
                    case .ended(let status, nil):
                        failure = "the synthesis worker stopped on this line (exit status \(status))"
                    case .timedOut:
                        failure = "espeak-ng did not finish this line within \(Int(timeout(for: plan.lines[next]))) s"
                    }
                }
                worker.kill()
                if let failure, next < plan.lines.count {
                    let line = plan.lines[next]
                    failures(LineFailure(scene: plan.index, line: line.line, reason: failure))
                    try add(line, samples: [Int16](repeating: 0, count: estimatedSamples(line)), to: writer, plan: plan, cues: &cues)
                    next += 1
                }
            }
            try writer.writeSilence(milliseconds: plan.pauseAfter)
            try writer.finish()
        } catch {
            writer.discard()
            throw error
        }
        return RenderedScene(index: plan.index, chapter: plan.chapter, file: plan.fileName, sampleCount: writer.sampleCount, cues: cues)
    }

    private func add(_ line: ScenePlan.Line, samples: [Int16], to writer: WAVWriter, plan: ScenePlan, cues: inout [Cue]) throws {
        try writer.writeSilence(milliseconds: line.pauseBefore)
        let start = writer.sampleCount
        try writer.write(samples)
        cues.append(Cue(scene: plan.index, file: plan.fileName, line: line.number, speaker: line.line.kind == .dialogue ? line.line.speaker : ScriptLine.narrator,
                        profile: line.profile, kind: line.line.kind.rawValue, startSample: start, endSample: writer.sampleCount,
                        text: line.line.text, sourceStart: line.line.start, sourceEnd: line.line.end))
    }

    /// Generous: espeak-ng speaks about 1,000 characters a second.
    func timeout(for line: ScenePlan.Line) -> TimeInterval {
        lineTimeout + Double(line.utterance.text.utf8.count) / 200
    }

    /// Silence as long as the line would take to say, for a line that could not be spoken.
    func estimatedSamples(_ line: ScenePlan.Line) -> Int {
        let words = max(1, line.line.text.split(whereSeparator: \.isWhitespace).count)
        let seconds = Double(words) * 60 / Double(max(80, line.utterance.voice.rate))
        return Int(seconds * Double(sampleRate))
    }
}

import AudiobookCore
import Foundation

/// One line's audio on its own, to hear it (the review page): the very samples of an earlier
/// render when it holds the line's unit with the same voices, else the line spoken alone in a
/// synthesis worker (so that a line espeak-ng cannot speak never takes the caller down).
public final class LineAudio: @unchecked Sendable {
    /// Where a clip's samples came from.
    public enum Source: String, Sendable {
        /// Read from a scene WAV of an earlier render.
        case rendered
        /// Spoken now.
        case spoken
    }

    /// A line's audio as a WAV file.
    public struct Clip: Sendable {
        public var wav: Data
        public var sampleCount: Int
        public var source: Source
    }

    private let sampleRate: Int
    private let engineVersion: String
    private let workerCommand: [String]
    private let lock = NSLock()
    private var cache: AudioCache?
    private let renderFolder: URL?

    /// `renderFolder` is the book's folder of an earlier render (`Output/BOOK`), when there is one.
    public init(sampleRate: Int, engineVersion: String, workerCommand: [String], renderFolder: URL?) {
        self.sampleRate = sampleRate
        self.engineVersion = engineVersion
        self.workerCommand = workerCommand
        self.renderFolder = renderFolder
    }

    /// The audio of line `line` of `scene`, each speaker in the voice `casting` gives them.
    public func clip(
        of scene: Script.Scene, line: Int, casting: VoiceCasting, pauses: PauseSettings, catalog: VoiceCatalog,
        direction: SpeechDirection = SpeechDirection(), partSeconds: Double = ScenePlan.partSeconds
    ) throws -> Clip {
        // A scene alone plans as it does in the whole book (its parts too): a unit's key is its utterances only.
        let single = Script(source: "", characters: [], scenes: [scene])
        let parts = ScenePlan.plans(
            for: single, casting: casting, pauses: pauses, catalog: catalog, direction: direction,
            partSeconds: partSeconds)
        guard let plan = parts.first(where: { $0.lines.contains { $0.number == line + 1 } }) else {
            throw RenderError.noSuchLine(line: line + 1, scene: scene.index)
        }
        let pieces = plan.lines.indices.filter { plan.lines[$0].number == line + 1 }
        guard let first = pieces.first else { throw RenderError.noSuchLine(line: line + 1, scene: scene.index) }
        let units = SpeechUnit.units(of: [plan], engineVersion: engineVersion, sampleRate: sampleRate)
        if let unit = units.first(where: { $0.lines.contains(first) }), let pcm = rendered(unit, lines: pieces) {
            return try Clip(wav: wav(pcm), sampleCount: pcm.count / 2, source: .rendered)
        }
        var pcm: [UInt8] = []
        let pool = SynthesisPool(
            work: [SynthesisPool.Work(utterances: pieces.map { plan.lines[$0].utterance })], jobs: 1,
            workerCommand: workerCommand)
        pool.start()
        for audio in try pool.audio(for: 0) {
            switch audio {
            case .pcm(let bytes): pcm += bytes
            case .failed(let reason): throw RenderError.lineFailed(reason: reason)
            }
        }
        return try Clip(wav: wav(pcm), sampleCount: pcm.count / 2, source: .spoken)
    }

    /// The line's samples in an earlier render's WAV, read back against the unit's checksum.
    private func rendered(_ unit: SpeechUnit, lines: [Int]) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        guard let renderFolder else { return nil }
        if cache == nil { cache = AudioCache(folder: renderFolder, enabled: true, sampleRate: sampleRate) }
        guard let cache, let location = cache.location(of: unit.key), cache.verify(unit.key) else { return nil }
        var bytes: [UInt8] = []
        do {
            let handle = try FileHandle(forReadingFrom: location.file)
            defer { try? handle.close() }
            for index in lines {
                let offset = index - unit.lines.lowerBound
                guard location.lines.indices.contains(offset) else { return nil }
                let segment = location.lines[offset]
                try handle.seek(toOffset: UInt64(44 + segment.start * 2))
                guard let data = try handle.read(upToCount: segment.count * 2), data.count == segment.count * 2 else {
                    return nil
                }
                bytes += data
            }
        } catch {
            return nil
        }
        return bytes
    }

    private func wav(_ pcm: [UInt8]) throws -> Data {
        var data = try WAVWriter.header(
            sampleRate: sampleRate, sampleCount: pcm.count / 2, for: URL(fileURLWithPath: "line.wav"))
        data.append(contentsOf: pcm)
        return data
    }
}

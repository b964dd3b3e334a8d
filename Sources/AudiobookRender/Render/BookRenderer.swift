import AudiobookCore
import Foundation

/// Renders scenes into WAV files, reusing what an earlier render in the same
/// folder already spoke: a paragraph whose text and voices are unchanged is
/// copied from the old WAV, everything else is spoken by worker processes, and a
/// scene whose audio is unchanged is not written at all.
public struct BookRenderer: Sendable {
    /// How far a render has got.
    public struct Progress: Sendable, Equatable {
        public var scenesDone: Int
        public var sceneCount: Int
        /// Seconds of audio written so far.
        public var audioSeconds: Double
        /// The scene just finished.
        public var lastScene: RenderedScene?
        /// Samples per second of the audio.
        public var sampleRate: Int
        /// Scenes whose audiobook piece is encoded (nil when no audiobook file is made).
        public var piecesDone: Int?
    }

    /// What a render produced.
    public struct Summary: Sendable, Equatable {
        public var folder: URL
        public var scenes: [RenderedScene]
        public var sampleRate: Int
        /// Units spoken afresh and units copied from the earlier render.
        public var spokenUnits: Int
        public var reusedUnits: Int
        /// Scenes whose WAV was left as it was.
        public var unchangedScenes: Int
        /// Each scene's encoded piece, in order, when the render made them (`encodesPieces`).
        public var pieces: [AudioPieces.Piece]?
        /// Pieces encoded afresh (the others were current).
        public var encodedPieces = 0
        /// What the cache set aside: records that cannot be read, WAVs changed behind its back.
        public var cacheWarnings: [String] = []
        /// Total length of the audiobook in seconds.
        public var duration: Double { Double(scenes.reduce(0) { $0 + $1.sampleCount }) / Double(sampleRate) }
    }

    /// A line that could not be spoken.
    public struct LineFailure: Sendable, Equatable {
        public var scene: Int
        public var line: ScriptLine
        public var reason: String

        /// The warning a user sees; `path` is the manuscript or script rendered.
        public func diagnostic(path: String) -> Diagnostic {
            Diagnostic(
                path: path, line: line.sourceLine, severity: .warning,
                message:
                    "scene \(scene): \(reason); the line is silent in the audio, and the next render speaks it again")
        }
    }

    /// The command that starts a worker: the `audiobook` binary and its hidden worker subcommand.
    public var workerCommand: [String]
    public var sampleRate: Int
    /// espeak-ng's version: part of every cache key.
    public var engineVersion: String
    /// How many worker processes speak at once.
    public var jobs: Int
    /// Reuse audio of an earlier render in the output folder.
    public var useCache: Bool
    /// Encode each scene's piece for an audiobook file (M4B) as soon as the scene is finished.
    public var encodesPieces = false
    /// Other output folders of the same book whose audio may be copied (the shards', for `assemble`).
    public var sources: [URL] = []
    /// Whether audio not found in the folders may be spoken (`assemble` only gathers: false).
    public var synthesizes = true

    /// Creates a renderer.
    public init(workerCommand: [String], sampleRate: Int, engineVersion: String, jobs: Int, useCache: Bool = true) {
        self.workerCommand = workerCommand
        self.sampleRate = sampleRate
        self.engineVersion = engineVersion
        self.jobs = max(1, jobs)
        self.useCache = useCache
    }

    /// Renders one shard's scenes (`Shard.scenes(of:)`) into `folder`: their WAVs, records and pieces,
    /// and no book-level file (`assemble` writes those). Audio is copied only from the WAVs of these
    /// scenes, never from a scene another shard may be rewriting in the same folder.
    public func renderShard(
        _ plans: [ScenePlan], scenes: Range<Int>, into folder: URL,
        progress: @escaping (Progress) -> Void, failure: @escaping (LineFailure) -> Void
    ) throws -> Summary {
        try BookRenderer.createFolder(folder)
        return try assemble(
            plans, scenes: Array(scenes),
            destinations: plans[scenes].map { folder.appendingPathComponent($0.fileName) },
            cacheFolder: folder, recording: true, copyingFrom: Set(plans[scenes].map(\.fileName)),
            progress: progress, failure: failure)
    }

    /// Renders every scene into `folder` (created if needed) and writes `BOOK.cue`, `cues.json` and `BOOK.vtt`.
    /// With `synthesizes` false (`assemble`), every unit must be found in `folder` or `sources`.
    public func render(
        _ plans: [ScenePlan], book: String, into folder: URL,
        progress: @escaping (Progress) -> Void, failure: @escaping (LineFailure) -> Void
    ) throws -> Summary {
        try BookRenderer.createFolder(folder)
        let destinations = plans.map { folder.appendingPathComponent($0.fileName) }
        let summary = try assemble(
            plans, scenes: Array(plans.indices), destinations: destinations, cacheFolder: folder,
            recording: true, copyingFrom: nil, progress: progress, failure: failure)
        try AtomicFile.write(
            Data(CueFiles.cueSheet(book: book, scenes: summary.scenes).utf8),
            to: folder.appendingPathComponent("\(book).cue"))
        try AtomicFile.write(
            CueFiles.json(scenes: summary.scenes, sampleRate: sampleRate),
            to: folder.appendingPathComponent("cues.json"))
        try AtomicFile.write(
            Data(CueFiles.webVTT(scenes: summary.scenes, sampleRate: sampleRate).utf8),
            to: folder.appendingPathComponent("\(book).vtt"))
        return summary
    }

    /// Creates a book folder; a failure says why in plain words (`out is a file, not a directory`).
    public static func createFolder(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            let blocking = FileSystemReason.blockingFile(in: folder.relativePath).map {
                "\($0) is a file, not a directory"
            }
            throw RenderError.cannotWrite(
                path: folder.relativePath, reason: blocking ?? FileSystemReason.describe(error))
        }
    }

    /// Renders the plans at positions `scenes` (one scene, or its parts) to `destinations`: the same bytes
    /// `render` writes for them. Audio in `cacheFolder` (an earlier render of the book) is reused, and left untouched.
    public func preview(
        _ plans: [ScenePlan], scenes: [Int], to destinations: [URL], cacheFolder: URL,
        failure: @escaping (LineFailure) -> Void
    ) throws -> [RenderedScene] {
        try assemble(
            plans, scenes: scenes, destinations: destinations, cacheFolder: cacheFolder,
            recording: false, copyingFrom: nil, progress: { _ in }, failure: failure
        ).scenes
    }

    // MARK: Assembly

    private struct PendingRename {
        var scene: Int
        var temporary: URL
        var destination: URL
        var sceneKey: String
        var sampleCount: Int
        var units: [AudioCache.UnitRecord]
    }

    private func assemble(
        _ plans: [ScenePlan], scenes selected: [Int], destinations: [URL], cacheFolder: URL, recording: Bool,
        copyingFrom copyable: Set<String>?, progress: (Progress) -> Void, failure: (LineFailure) -> Void
    ) throws -> Summary {
        let cache = AudioCache(folder: cacheFolder, enabled: useCache, sampleRate: sampleRate, sources: sources)
        // Where a unit's audio can be copied from (a shard: only from its own scenes' files).
        // Each unit to be copied is read back against its checksum once, before anything is written.
        var verified: Set<String> = []
        func cached(_ key: String) -> AudioCache.Location? {
            guard let location = cache.location(of: key) else { return nil }
            if !verified.contains(key) {
                guard cache.verify(key) else { return nil }
                verified.insert(key)
            }
            if let copyable,
                location.file.deletingLastPathComponent().standardizedFileURL
                    == cacheFolder.standardizedFileURL, !copyable.contains(location.file.lastPathComponent)
            {
                return nil
            }
            return location
        }
        // Pieces for the audiobook file, encoded beside the synthesis as each scene is finished.
        let pieces = AudioPieces(bookFolder: cacheFolder)
        let queue =
            try (recording && encodesPieces)
            ? PieceEncodingQueue(
                pieces: pieces, ffmpeg: FFmpeg.find(for: "an audiobook file (--m4b, --epub)"), jobs: jobs) : nil
        var encodedPieces = 0
        func enqueue(_ wav: URL, sceneKey: String, sampleCount: Int) {
            guard let queue else { return }
            let name = wav.lastPathComponent
            if useCache, let piece = pieces.current(wav: name, sceneKey: sceneKey) {
                queue.reuse(piece, wav: name)
            } else if useCache,
                let piece = sources.lazy.compactMap({
                    AudioPieces(bookFolder: $0, settings: pieces.settings).current(wav: name, sceneKey: sceneKey)
                }).first, let adopted = pieces.adopt(piece, wav: name, sceneKey: sceneKey)
            {
                queue.reuse(adopted, wav: name)
            } else {
                queue.encode(wav: wav, sceneKey: sceneKey, sampleCount: sampleCount)
                encodedPieces += 1
            }
        }
        let allUnits = SpeechUnit.units(of: plans, engineVersion: engineVersion, sampleRate: sampleRate)
        let unitsByScene = Dictionary(grouping: allUnits, by: \.scene)
        var keyCounts: [String: Int] = [:]
        for unit in allUnits { keyCounts[unit.key, default: 0] += 1 }
        // What each selected scene needs: skip it, copy units, or speak them.
        var sceneKeys: [Int: String] = [:]
        var skipped: Set<Int> = []
        var work: [SynthesisPool.Work] = []
        var workIndex: [String: Int] = [:]
        var readers: [String: Int] = [:]  // old file name → last position (in `selected`) that copies from it
        for (position, scene) in selected.enumerated() {
            let units = unitsByScene[scene] ?? []
            let key = sceneKey(plans[scene], units: units)
            sceneKeys[scene] = key
            if recording, destinations[position].lastPathComponent == plans[scene].fileName,
                let record = cache.scenes[plans[scene].fileName], record.sceneKey == key
            {
                skipped.insert(scene)
                continue
            }
            for unit in units {
                if let location = cached(unit.key) {
                    readers[location.file.lastPathComponent] = position
                } else if !synthesizes {
                    let stale =
                        cache.sourceScenes[plans[scene].fileName] != nil || cache.scenes[plans[scene].fileName] != nil
                    throw RenderError.notRendered(
                        scene: plans[scene].index, file: plans[scene].fileName, stale: stale,
                        folders: ([cacheFolder] + sources).map(\.relativePath))
                } else if workIndex[unit.key] == nil {
                    workIndex[unit.key] = work.count
                    work.append(SynthesisPool.Work(utterances: plans[scene].lines[unit.lines].map(\.utterance)))
                }
            }
        }
        let pool = SynthesisPool(work: work, jobs: jobs, workerCommand: workerCommand)
        pool.start()
        // Units written earlier in this render, for a paragraph that occurs twice (temporary file until renamed).
        var written: [String: AudioCache.Location] = [:]
        var rendered: [RenderedScene] = []
        var pending: [PendingRename] = []
        var samplesDone = 0
        var reused = 0
        for (position, scene) in selected.enumerated() {
            let plan = plans[scene]
            let units = unitsByScene[scene] ?? []
            if skipped.contains(scene), let record = cache.scenes[plan.fileName] {
                enqueue(destinations[position], sceneKey: record.sceneKey, sampleCount: record.sampleCount)
                let cues = self.cues(plan, positions: record.units.flatMap(\.lines))
                rendered.append(
                    RenderedScene(
                        index: plan.index, chapter: plan.chapter, file: plan.fileName, sampleCount: record.sampleCount,
                        cues: cues, part: plan.part))
            } else {
                let writer = try WAVWriter(destination: destinations[position], sampleRate: sampleRate)
                do {
                    var records: [AudioCache.UnitRecord] = []
                    var positions: [AudioCache.Segment] = []
                    // A unit that could not be spoken is never cached as good: the next render speaks it again.
                    var incomplete = false
                    for unit in units {
                        var lines: [AudioCache.Segment] = []
                        // A unit spoken once serves every place it occurs in this render.
                        let location = cached(unit.key) ?? written[unit.key]
                        var audio: [SynthesisPool.LineAudio] = []
                        var unitFailed = false
                        var checksum = AudioChecksum()
                        if location == nil, let index = workIndex[unit.key] {
                            audio = try pool.audio(for: index)
                        } else {
                            reused += 1
                            if location?.file == writer.temporaryFile { try writer.flushPending() }
                        }
                        for (offset, lineIndex) in unit.lines.enumerated() {
                            let line = plan.lines[lineIndex]
                            var silence = line.pauseBefore * sampleRate / 1000
                            // A scene opens with at least one AAC frame of silence, where its piece's encoder delay goes.
                            if lineIndex == 0 { silence = max(silence, AudioPieces.frameSamples) }
                            try writer.writeSilence(samples: silence)
                            let start = writer.sampleCount
                            if let location {
                                try AudioCache.copy(
                                    location.lines[offset], from: location.file, to: writer, checksum: &checksum)
                            } else {
                                switch audio[offset] {
                                case .pcm(let bytes):
                                    checksum.combine(bytes)
                                    try writer.write(pcm: bytes)
                                case .failed(let reason):
                                    failure(LineFailure(scene: plan.index, line: line.line, reason: reason))
                                    try writer.writeSilence(samples: estimatedSamples(line))
                                    incomplete = true
                                    unitFailed = true
                                }
                            }
                            lines.append(AudioCache.Segment(start: start, count: writer.sampleCount - start))
                        }
                        if !unitFailed {
                            records.append(AudioCache.UnitRecord(key: unit.key, lines: lines, checksum: checksum.hex))
                        }
                        if location == nil, !unitFailed, keyCounts[unit.key, default: 0] > 1 {
                            written[unit.key] = AudioCache.Location(
                                file: writer.temporaryFile, lines: lines, checksum: checksum.hex)
                        }
                        positions += lines
                    }
                    try writer.writeSilence(milliseconds: plan.pauseAfter)
                    // Whole AAC frames: the scene's piece then decodes to exactly its WAV's samples.
                    try writer.writeSilence(samples: AudioPieces.padding(after: writer.sampleCount))
                    try writer.complete()
                    pending.append(
                        PendingRename(
                            scene: scene, temporary: writer.temporaryFile, destination: destinations[position],
                            sceneKey: incomplete ? "incomplete" : sceneKeys[scene]!, sampleCount: writer.sampleCount,
                            units: records))
                    rendered.append(
                        RenderedScene(
                            index: plan.index, chapter: plan.chapter, file: plan.fileName,
                            sampleCount: writer.sampleCount, cues: cues(plan, positions: positions),
                            part: plan.part))
                } catch {
                    writer.discard()
                    for rename in pending { try? FileManager.default.removeItem(at: rename.temporary) }
                    throw error
                }
            }
            // A finished file goes in place once no later scene still copies from the file it replaces.
            pending = try putInPlace(
                pending, readers: readers, after: position, cache: recording ? cache : nil, written: &written,
                placed: { enqueue($0.destination, sceneKey: $0.sceneKey, sampleCount: $0.sampleCount) })
            samplesDone += rendered.last!.sampleCount
            progress(
                Progress(
                    scenesDone: position + 1, sceneCount: selected.count,
                    audioSeconds: Double(samplesDone) / Double(sampleRate),
                    lastScene: rendered.last, sampleRate: sampleRate, piecesDone: queue?.count))
        }
        _ = try putInPlace(
            pending, readers: [:], after: selected.count, cache: recording ? cache : nil, written: &written,
            placed: { enqueue($0.destination, sceneKey: $0.sceneKey, sampleCount: $0.sampleCount) })
        if recording { cache.prune(keeping: Set(plans.map(\.fileName))) }
        var summary = Summary(
            folder: cacheFolder, scenes: rendered, sampleRate: sampleRate, spokenUnits: work.count,
            reusedUnits: reused, unchangedScenes: skipped.count)
        summary.cacheWarnings = cache.warnings
        if let queue {
            let done = try queue.finish {
                progress(
                    Progress(
                        scenesDone: selected.count, sceneCount: selected.count,
                        audioSeconds: Double(samplesDone) / Double(sampleRate), lastScene: nil,
                        sampleRate: sampleRate, piecesDone: queue.count))
            }
            summary.pieces = try selected.map { scene in
                guard let piece = done[plans[scene].fileName] else {
                    throw RenderError.cannotWrite(
                        path: plans[scene].fileName, reason: "its audiobook piece was not made")
                }
                return piece
            }
            summary.encodedPieces = encodedPieces
            pieces.prune(keeping: Set(plans.map(\.fileName)))
        }
        return summary
    }

    private func putInPlace(
        _ pending: [PendingRename], readers: [String: Int], after position: Int, cache: AudioCache?,
        written: inout [String: AudioCache.Location], placed: (PendingRename) -> Void
    ) throws -> [PendingRename] {
        var waiting: [PendingRename] = []
        for rename in pending {
            if let lastReader = readers[rename.destination.lastPathComponent], lastReader > position {
                waiting.append(rename)
                continue
            }
            for (key, location) in written where location.file == rename.temporary {
                written[key] = AudioCache.Location(
                    file: rename.destination, lines: location.lines, checksum: location.checksum)
            }
            try cache?.record(
                file: rename.destination.lastPathComponent, writtenAt: rename.temporary, sceneKey: rename.sceneKey,
                sampleCount: rename.sampleCount, units: rename.units)
            try AtomicFile.replace(rename.destination, with: rename.temporary)
            placed(rename)
        }
        return waiting
    }

    /// Everything that shapes a scene's WAV: its units, the pauses and the sample rate.
    private func sceneKey(_ plan: ScenePlan, units: [SpeechUnit]) -> String {
        var hasher = StableHasher()
        hasher.combine("\(sampleRate)|\(plan.pauseAfter)|frames of \(AudioPieces.frameSamples)|")
        for unit in units { hasher.combine(unit.key + "|") }
        for line in plan.lines { hasher.combine("\(line.pauseBefore),") }
        return hasher.hexDigest
    }

    private func cues(_ plan: ScenePlan, positions: [AudioCache.Segment]) -> [Cue] {
        var cues: [Cue] = []
        for (line, position) in zip(plan.lines, positions) {
            // The pieces of a long line make one cue.
            if line.continuesLine, var last = cues.popLast() {
                last.endSample = position.start + position.count
                cues.append(last)
                continue
            }
            cues.append(
                Cue(
                    scene: plan.index, file: plan.fileName, line: line.number,
                    speaker: line.line.kind == .dialogue ? line.line.speaker : ScriptLine.narrator,
                    profile: line.profile,
                    kind: line.line.kind.rawValue, startSample: position.start,
                    endSample: position.start + position.count,
                    text: line.line.text, sourceStart: line.line.start, sourceEnd: line.line.end))
        }
        return cues
    }

    /// Silence as long as the line would take to say, for a line that could not be spoken.
    func estimatedSamples(_ line: ScenePlan.Line) -> Int {
        let words = max(1, line.utterance.text.split(whereSeparator: \.isWhitespace).count)
        let seconds = Double(words) * 60 / Double(max(80, line.utterance.voice.rate))
        return Int(seconds * Double(sampleRate))
    }
}

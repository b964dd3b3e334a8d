import AudiobookCore
import Foundation

/// Renders a whole book: every scene to its WAV file (several at once), then the cue files.
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
    }

    /// What a render produced.
    public struct Summary: Sendable, Equatable {
        public var folder: URL
        public var scenes: [RenderedScene]
        public var sampleRate: Int
        /// Total length of the audiobook in seconds.
        public var duration: Double { Double(scenes.reduce(0) { $0 + $1.sampleCount }) / Double(sampleRate) }
    }

    public var scenes: SceneRenderer
    /// How many scenes are rendered at once.
    public var jobs: Int

    /// Creates a book renderer.
    public init(scenes: SceneRenderer, jobs: Int) {
        self.scenes = scenes
        self.jobs = max(1, jobs)
    }

    /// Renders `plans` into `folder` (created if needed) and writes `BOOK.cue`, `cues.json` and `BOOK.vtt`.
    public func render(_ plans: [ScenePlan], book: String, into folder: URL,
                       progress: @escaping @Sendable (Progress) -> Void,
                       failure: @escaping @Sendable (SceneRenderer.LineFailure) -> Void) throws -> Summary {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RenderError.cannotWrite(path: folder.path, reason: (error as NSError).localizedDescription)
        }
        let state = RenderState(count: plans.count)
        let renderer = scenes
        let workers = min(jobs, max(1, plans.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = state.nextIndex() {
                let plan = plans[index]
                do {
                    let scene = try renderer.render(plan, to: folder.appendingPathComponent(plan.fileName), failures: failure)
                    let snapshot = state.finish(index, scene, sampleRate: renderer.sampleRate)
                    progress(snapshot)
                } catch {
                    state.fail(error)
                }
            }
        }
        if let error = state.error { throw error }
        let rendered = state.results.compactMap { $0 }
        try AtomicFile.write(Data(CueFiles.cueSheet(book: book, scenes: rendered).utf8), to: folder.appendingPathComponent("\(book).cue"))
        try AtomicFile.write(CueFiles.json(scenes: rendered, sampleRate: scenes.sampleRate), to: folder.appendingPathComponent("cues.json"))
        try AtomicFile.write(Data(CueFiles.webVTT(scenes: rendered, sampleRate: scenes.sampleRate).utf8), to: folder.appendingPathComponent("\(book).vtt"))
        return Summary(folder: folder, scenes: rendered, sampleRate: scenes.sampleRate)
    }
}

/// Shared between the render threads: which scene is next, what is done, the first error.
final class RenderState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var done = 0
    private var audioSamples = 0
    private(set) var results: [RenderedScene?]
    private(set) var error: (any Error)?

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func nextIndex() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard error == nil, next < results.count else { return nil }
        next += 1
        return next - 1
    }

    func finish(_ index: Int, _ scene: RenderedScene, sampleRate: Int) -> BookRenderer.Progress {
        lock.lock()
        defer { lock.unlock() }
        results[index] = scene
        done += 1
        audioSamples += scene.sampleCount
        return BookRenderer.Progress(scenesDone: done, sceneCount: results.count, audioSeconds: Double(audioSamples) / Double(sampleRate), lastScene: scene, sampleRate: sampleRate)
    }

    func fail(_ error: any Error) {
        lock.lock()
        defer { lock.unlock() }
        if self.error == nil { self.error = error }
    }
}

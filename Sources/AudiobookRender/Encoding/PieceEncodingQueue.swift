import Foundation

/// Encodes scene pieces in the background as scenes are finished, at most `jobs` at once beside
/// the synthesis workers, and reports each piece done. The first failure is kept and rethrown by
/// `finish()`.
final class PieceEncodingQueue: @unchecked Sendable {
    private let pieces: AudioPieces
    private let ffmpeg: String
    private let slots: DispatchSemaphore
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var done: [String: AudioPieces.Piece] = [:]
    private var failure: (any Error)?

    init(pieces: AudioPieces, ffmpeg: String, jobs: Int) {
        self.pieces = pieces
        self.ffmpeg = ffmpeg
        slots = DispatchSemaphore(value: max(1, jobs))
    }

    /// How many pieces are done.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return done.count
    }

    /// A piece already current: nothing to encode.
    func reuse(_ piece: AudioPieces.Piece, wav: String) {
        lock.lock()
        done[wav] = piece
        lock.unlock()
    }

    /// Encodes the scene WAV (in place, complete) in the background.
    func encode(wav: URL, sceneKey: String, sampleCount: Int) {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            slots.wait()
            defer {
                slots.signal()
                group.leave()
            }
            lock.lock()
            let failed = failure != nil
            lock.unlock()
            if failed { return }
            do {
                let piece = try pieces.encode(wav: wav, sceneKey: sceneKey, sampleCount: sampleCount, ffmpeg: ffmpeg)
                lock.lock()
                done[wav.lastPathComponent] = piece
                lock.unlock()
            } catch {
                lock.lock()
                if failure == nil { failure = error }
                lock.unlock()
            }
        }
    }

    /// Waits for every piece, calling `waiting` now and then; the pieces by WAV file name.
    func finish(waiting: () -> Void) throws -> [String: AudioPieces.Piece] {
        while group.wait(timeout: .now() + 0.25) == .timedOut { waiting() }
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        return done
    }
}

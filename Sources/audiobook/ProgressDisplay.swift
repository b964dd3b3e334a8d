import AudiobookRender
import Foundation

/// Shows a render's progress on stderr: a bar that redraws itself on a terminal,
/// one line per scene otherwise, nothing with --quiet.
final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let quiet: Bool
    private var drewBar = false

    init(quiet: Bool) { self.quiet = quiet }

    func update(_ progress: BookRenderer.Progress) {
        guard !quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        let elapsed = Date().timeIntervalSince(start)
        if isTerminal {
            let width = 24
            let filled = progress.sceneCount == 0 ? width : width * progress.scenesDone / progress.sceneCount
            let remaining =
                progress.scenesDone == 0
                ? 0 : elapsed / Double(progress.scenesDone) * Double(progress.sceneCount - progress.scenesDone)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let encoded = progress.piecesDone.map { " · \($0)/\(progress.sceneCount) encoded" } ?? ""
            write(
                "\r\(bar) \(progress.scenesDone)/\(progress.sceneCount) scenes\(encoded) · \(Self.clock(progress.audioSeconds)) audio · \(Self.clock(elapsed)) elapsed · ~\(Self.clock(remaining)) left "
            )
            drewBar = true
        } else if let scene = progress.lastScene {
            write(
                "scene \(scene.index) done (\(progress.scenesDone)/\(progress.sceneCount)): \(scene.file), \(Self.clock(Double(scene.sampleCount) / Double(progress.sampleRate))) of audio, \(Self.clock(elapsed)) elapsed\n"
            )
        }
    }

    /// Prints a message on its own line, clearing the bar first.
    func message(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        if drewBar { write("\r\u{1B}[K") }
        write(line + "\n")
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drewBar { write("\n") }
        drewBar = false
    }

    private func write(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    /// `1:02:03` or `2:03`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600
            ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }
}

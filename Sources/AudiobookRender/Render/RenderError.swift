import Foundation

/// Why a render could not go on.
public enum RenderError: LocalizedError, Equatable {
    case cannotWrite(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    case noSuchScene(requested: Int, count: Int)
    case workerFailed(reason: String)
    case noPlayer(wav: String)
    case playerFailed(player: String, status: Int32, message: String?, wav: String)
    case missingTool(name: String, purpose: String, package: String)
    /// `assemble`: a scene no folder holds as the text and voices now say.
    case notRendered(scene: Int, file: String, stale: Bool, folders: [String])
    /// One line to hear alone (`LineAudio`): no such line in its scene.
    case noSuchLine(line: Int, scene: Int)
    /// One line to hear alone could not be spoken.
    case lineFailed(reason: String)

    public var errorDescription: String? {
        switch self {
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .cannotRead(let path, let reason): return "cannot read \(path): \(reason)"
        case .noSuchScene(let requested, let count):
            return
                "there is no scene \(requested): the manuscript has \(count) scene\(count == 1 ? "" : "s") (1–\(count))"
        case .workerFailed(let reason): return "the synthesis worker could not start: \(reason)"
        case .noPlayer(let wav):
            return "no audio player found (tried paplay, aplay, ffplay); the scene was written to \(wav)"
        case .playerFailed(let player, let status, let message, let wav):
            let detail = message.map { ": \($0)" } ?? ""
            let how = status == 0 ? "" : " (exit status \(status))"
            return
                "could not play the scene: \(player) failed\(how)\(detail); nothing played, the scene was written to \(wav)"
        case .notRendered(let scene, let file, let stale, let folders):
            let state =
                stale
                ? "was rendered from other text or voices than these" : "is in none of the folders"
            return
                "scene \(scene) (\(file)) \(state) (\(folders.joined(separator: ", "))); render its shard again (--shard) before assembling"
        case .noSuchLine(let line, let scene): return "scene \(scene) has no line \(line)"
        case .lineFailed(let reason): return "the line could not be spoken: \(reason)"
        case .missingTool(let name, let purpose, let package):
            return
                "\(purpose) needs \(name), which is not installed (apt-get install \(package)); the WAV files were written"
        }
    }
}

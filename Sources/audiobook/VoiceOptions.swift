import ArgumentParser
import AudiobookCore
import AudiobookRender
import Foundation

/// The voices folder option shared by render, preview and cast.
struct VoiceOptions: ParsableArguments {
    @Option(name: .long, help: "The folder of voice profiles (PROFILE.yaml), pauses.yaml and an optional cast.yaml.")
    var voices: String?

    var folder: String { voices ?? "Voices" }

    /// The cast file in the voices folder, used when --cast is not given.
    var defaultCast: String { (folder as NSString).appendingPathComponent("cast.yaml") }

    /// Reads the manuscript, attributes it, and casts every speaker, all before any audio.
    func production(_ manuscript: ManuscriptOptions) throws -> (Production, SpeechEngine) {
        let (script, cast) = try manuscript.script(defaultCast: defaultCast)
        let engine = try SpeechEngine.shared()
        let production = try Production(
            script: script, cast: cast, voicesFolder: folder, requireVoices: voices != nil,
            catalog: engine.installedVoices(), path: manuscript.manuscript)
        for warning in production.warnings { CommandErrors.printError(warning.description) }
        return (production, engine)
    }

    /// The command that starts a synthesis worker: this very binary.
    static var workerCommand: [String] {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return [executable, AudiobookCommand.Worker.configuration.commandName!]
    }

    /// The book name: the manuscript's file name without its extension.
    static func bookName(_ path: String) -> String {
        let base = (path as NSString).lastPathComponent
        let name = (base as NSString).deletingPathExtension
        return name.isEmpty ? "book" : name
    }
}

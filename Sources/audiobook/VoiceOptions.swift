import ArgumentParser
import AudiobookCore
import AudiobookRender
import Foundation

/// The voices folder option shared by render, preview and cast.
struct VoiceOptions: ParsableArguments {
    @Option(name: .long, help: "The folder of voice profiles (PROFILE.yaml), pauses.yaml and an optional cast.yaml.")
    var voices: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A pronunciation lexicon (YAML: Hermione: her-MY-oh-nee) whose entries go over the voices folder's lexicon.yaml.",
            valueName: "file"))
    var lexicon: String?

    var folder: String { voices ?? "Voices" }

    /// The delivery table: built in, changed by the voices folder's delivery.yaml.
    func deliveries() throws -> DeliveryTable {
        let path = (folder as NSString).appendingPathComponent(VoiceLibrary.deliveryFile)
        guard FileManager.default.fileExists(atPath: path) else { return .builtIn }
        return try DeliveryTable(contentsOf: path)
    }

    /// The cast file in the voices folder, used when --cast is not given.
    var defaultCast: String { (folder as NSString).appendingPathComponent("cast.yaml") }

    /// Reads the manuscript, attributes it, and casts every speaker, all before any audio.
    /// With `speaking`, also readies what is spoken: the lexicons as phonemes and every voice's level.
    /// The speakers' levels are kept in the book's folder under `outputRoot`, for the next run.
    /// Scenes longer than `partSeconds` are planned as parts (`PartOptions`).
    func production(
        _ manuscript: ManuscriptOptions, speaking: Bool = true, outputRoot: String? = nil,
        partSeconds: Double = ScenePlan.partSeconds
    ) throws -> (Production, SpeechEngine) {
        let (script, cast) = try manuscript.script(defaultCast: defaultCast, deliveries: deliveries())
        let engine = try SpeechEngine.shared()
        var production = try Production(
            script: script, cast: cast, voicesFolder: folder, requireVoices: voices != nil,
            catalog: engine.installedVoices(), path: manuscript.manuscript)
        for warning in production.warnings { CommandErrors.printError(warning.description) }
        production.partSeconds = partSeconds
        if speaking {
            try production.direct(
                engine: engine, workerCommand: VoiceOptions.workerCommand,
                jobs: ProcessInfo.processInfo.activeProcessorCount,
                lexicon: try lexicon.map { path throws(ConfigError) in try Lexicon(contentsOf: path) },
                levelsFile: outputRoot.map { Production.levelsFile(ofBook: manuscript.bookName(script), in: $0) })
        }
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

/// How long a scene may be before it is written as parts: shared by the commands that plan audio
/// (render, assemble, preview, review), which must agree on the parts.
struct PartOptions: ParsableArguments {
    @Option(
        name: .customLong("part-minutes"),
        help: ArgumentHelp(
            "A scene whose speech would last longer (estimated from its words) is written as parts, cut between paragraphs (scene-012-1.wav, scene-012-2.wav, …).",
            valueName: "minutes"))
    var partMinutes: Double = ScenePlan.partSeconds / 60

    /// The limit in seconds; a value out of range is an error (reported in one line, as the commands report theirs).
    func seconds() throws -> Double {
        guard partMinutes >= 1, partMinutes <= ScenePlan.partSeconds / 60 else {
            throw ValidationError(
                "--part-minutes must be between 1 and \(Int(ScenePlan.partSeconds / 60)) (a WAV file's header cannot describe much more), not \(String(format: "%g", partMinutes))"
            )
        }
        return partMinutes * 60
    }
}

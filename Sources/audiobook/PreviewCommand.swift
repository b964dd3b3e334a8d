import ArgumentParser
import AudiobookCore
import AudiobookRender
import Foundation

extension AudiobookCommand {
    /// `audiobook preview MANUSCRIPT --scene N [--voices DIR] [--cast FILE] [--output FILE.wav] [--play]`
    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render one scene alone, quickly; --play plays it.",
            discussion: "Example: audiobook preview Examples/lighthouse.md --scene 2 --play"
        )

        @OptionGroup var manuscript: ManuscriptOptions
        @OptionGroup var voices: VoiceOptions
        @OptionGroup var parts: PartOptions

        @Option(help: "The scene to render (1-based, as numbered by `audiobook script`).")
        var scene: Int

        @Option(help: "The WAV file to write (default: Output/BOOK/preview-scene-NNN.wav).")
        var output: String?

        @Flag(help: "Play the scene with paplay, aplay or ffplay once written.")
        var play = false

        @Option(
            name: .customLong("render-output"),
            help: "Where `render` puts the book (its audio is reused when unchanged).")
        var renderOutput: String = "Output"

        func run() throws {
            AudioMemory.releaseLargeBuffersEagerly()
            // Workers start (and initialise espeak-ng) while the book is read and attributed.
            SpareWorkers.start(command: VoiceOptions.workerCommand, count: ProcessInfo.processInfo.activeProcessorCount)
            do {
                let (production, engine) = try voices.production(
                    manuscript, outputRoot: renderOutput, partSeconds: try parts.seconds())
                AudioMemory.releaseUnusedMemory()
                let plans = production.plans
                let scenes = plans.indices.filter { plans[$0].index == scene }
                guard !scenes.isEmpty else {
                    throw RenderError.noSuchScene(requested: scene, count: plans.last?.index ?? 0)
                }
                let book = manuscript.bookName(production.script)
                // A scene written as parts is previewed as its parts: FILE-1.wav, FILE-2.wav, ….
                let destinations = scenes.map { position in
                    guard let output else {
                        return URL(fileURLWithPath: renderOutput).appendingPathComponent(book)
                            .appendingPathComponent("preview-" + plans[position].fileName)
                    }
                    guard let part = plans[position].part else { return URL(fileURLWithPath: output) }
                    let base = (output as NSString).deletingPathExtension
                    let suffix = (output as NSString).pathExtension
                    return URL(fileURLWithPath: base + "-\(part)" + (suffix.isEmpty ? "" : "." + suffix))
                }
                try FileManager.default.createDirectory(
                    at: destinations[0].deletingLastPathComponent(), withIntermediateDirectories: true)
                let renderer = BookRenderer(
                    workerCommand: VoiceOptions.workerCommand, sampleRate: engine.sampleRate,
                    engineVersion: engine.version, jobs: ProcessInfo.processInfo.activeProcessorCount)
                let path = manuscript.manuscript
                // An earlier render of the book lends the audio it already has.
                let renderFolder = URL(fileURLWithPath: renderOutput).appendingPathComponent(book)
                let rendered = try renderer.preview(
                    plans, scenes: scenes, to: destinations, cacheFolder: renderFolder
                ) { failure in
                    CommandErrors.printError(failure.diagnostic(path: path).description)
                }
                for (destination, part) in zip(destinations, rendered) {
                    let which = part.part.map { "scene \(scene), part \($0) of \(rendered.count)" } ?? "scene \(scene)"
                    print(
                        "wrote \(destination.path) (\(which), \(ProgressDisplay.clock(Double(part.sampleCount) / Double(engine.sampleRate))) of audio)"
                    )
                }
                if play { for destination in destinations { try Player.play(destination) } }
            } catch {
                throw CommandErrors.report(error)
            }
        }
    }
}

/// Plays a WAV file with the first audio player found on PATH.
enum Player {
    static let candidates: [(String, [String])] = [
        ("paplay", []), ("aplay", ["-q"]), ("ffplay", ["-nodisp", "-autoexit", "-loglevel", "error"]),
    ]

    /// Plays the file with the first player that works; a player's own noise (ALSA's complaints on a
    /// machine without a sound card) is shown only when every player failed, in one line.
    static func play(_ file: URL) throws {
        var failure: RenderError?
        for (name, arguments) in candidates {
            guard let executable = Executables.find(name) else { continue }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments + [file.path]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let noise = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let lines = noise.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            // ffplay exits 0 even when it could open no audio device: its own error line says so.
            let deviceFailed = lines.contains { $0.localizedCaseInsensitiveContains("audio open failed") }
            if process.terminationReason == .exit, process.terminationStatus == 0, !deviceFailed { return }
            let reason = lines.first { $0.localizedCaseInsensitiveContains("audio open failed") } ?? lines.last
            failure = .playerFailed(player: name, status: process.terminationStatus, message: reason, wav: file.path)
        }
        throw failure ?? RenderError.noPlayer(wav: file.path)
    }
}

import ArgumentParser
import AudiobookCore
import AudiobookRender
import AudiobookReview
import Foundation

extension AudiobookCommand {
    /// `audiobook review MANUSCRIPT|SCRIPT [--save FILE] [--voices DIR] [--cast FILE] [--port N]`
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Review the script in the browser: hear any line, fix its speaker, tune the voices.",
            discussion: """
                Serves the review page on 127.0.0.1; its address (with a token for this run) is the last line printed.
                Example: audiobook review Examples/lighthouse.md --cast Examples/lighthouse.cast.yaml
                """
        )

        @OptionGroup var manuscript: ManuscriptOptions
        @OptionGroup var voices: VoiceOptions
        @OptionGroup var parts: PartOptions

        @Option(help: "Where Save writes the script (default: the script given, or BOOK.script beside the manuscript).")
        var save: String?

        @Option(help: "The port to listen on (0: a free one).")
        var port: Int = 0

        @Option(
            name: .customLong("render-output"),
            help: "Where `render` puts the book: its audio is what a line plays, when its voices are unchanged.")
        var renderOutput: String = "Output"

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535, not \(port)") }
        }

        func run() throws {
            do {
                let (script, cast) = try manuscript.script(
                    defaultCast: voices.defaultCast, deliveries: voices.deliveries())
                let engine = try SpeechEngine.shared()
                let book = manuscript.bookName(script)
                let savePath =
                    save
                    ?? (manuscript.isScriptFile
                        ? manuscript.manuscript
                        : ((manuscript.manuscript as NSString).deletingLastPathComponent as NSString)
                            .appendingPathComponent(book + ".script"))
                var setup = ReviewSession.Setup(
                    script: script, cast: cast, voicesFolder: voices.folder, requireVoices: voices.voices != nil,
                    savePath: savePath, inputPath: manuscript.manuscript, catalog: engine.installedVoices())
                setup.engine = engine
                setup.workerCommand = VoiceOptions.workerCommand
                setup.partSeconds = try parts.seconds()
                setup.levelsFile = Production.levelsFile(ofBook: book, in: renderOutput)
                setup.lexicon = try voices.lexicon.map { path throws(ConfigError) in try Lexicon(contentsOf: path) }
                let audio = LineAudio(
                    sampleRate: engine.sampleRate, engineVersion: engine.version,
                    workerCommand: VoiceOptions.workerCommand,
                    renderFolder: URL(fileURLWithPath: renderOutput).appendingPathComponent(book))
                let session = try ReviewSession(setup, audio: audio)
                let lines = script.scenes.reduce(0) { $0 + $1.lines.count }
                CommandErrors.printOutput(
                    Data(
                        "reviewing \(manuscript.manuscript): \(script.scenes.count) scenes, \(lines) lines, \(script.characters.count) speakers; Save writes \(savePath)\n"
                            .utf8))
                let server = ReviewServer(session: session, port: port, token: ReviewServer.newToken())
                try BlockingTask.run {
                    try await server.run { port in
                        CommandErrors.printOutput(Data("review: \(server.address(port: port))\n".utf8))
                    }
                }
            } catch {
                throw CommandErrors.report(error)
            }
        }
    }
}

/// Runs async work to its end from synchronous code (a command's `run`).
enum BlockingTask {
    static func run(_ work: @escaping @Sendable () async throws -> Void) throws {
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            do { try await work() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }

    private final class Outcome: @unchecked Sendable {
        var error: (any Error)?
    }
}

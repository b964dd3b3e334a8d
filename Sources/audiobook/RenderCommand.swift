import ArgumentParser
import AudiobookCore
import AudiobookRender
import Foundation

extension AudiobookCommand {
    /// `audiobook render MANUSCRIPT [--voices DIR] [--cast FILE] [--output DIR] [--jobs N] [--m4b] [--no-cache] [--quiet]`
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render every scene to a WAV file, with a cue sheet, cues.json and WebVTT subtitles.",
            discussion: "Example: audiobook render Examples/lighthouse.md --output Output  (writes Output/lighthouse/)"
        )

        @OptionGroup var manuscript: ManuscriptOptions
        @OptionGroup var voices: VoiceOptions

        @Option(help: "The folder to render into; files go to OUTPUT/BOOK/.")
        var output: String = "Output"

        @Option(
            name: .customLong("jobs"),
            help: ArgumentHelp(
                "How many synthesis worker processes to run at once; each speaks a few paragraphs at a time (default: the number of cores, \(ProcessInfo.processInfo.activeProcessorCount) here).",
                valueName: "n"))
        var requestedJobs: Int?

        /// The worker processes: --jobs, else one per core.
        var jobs: Int { requestedJobs ?? ProcessInfo.processInfo.activeProcessorCount }

        @Flag(help: "Print no progress.")
        var quiet = false

        @Flag(help: "Also write BOOK.m4b: AAC audio with a chapter per chapter of the book (needs ffmpeg).")
        var m4b = false

        @Flag(
            help:
                "Also write BOOK.epub: a read-along EPUB 3 whose text lights up, line by line in each speaker's colour, as its audio plays (media overlays; needs ffmpeg)."
        )
        var epub = false

        @Flag(
            name: .customLong("no-cache"),
            help: "Speak everything afresh, ignoring the audio of an earlier render in the output folder.")
        var noCache = false

        @Flag(help: "Wait for another render into the same folder to finish, rather than stop at once.")
        var wait = false

        @Option(
            help: ArgumentHelp(
                "A cover picture (JPEG or PNG) for the M4B and the EPUB; default: the EPUB's cover or the front matter's cover:.",
                valueName: "file"))
        var cover: String?

        func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        }

        func run() throws {
            AudioMemory.releaseLargeBuffersEagerly()
            // Workers start (and initialise espeak-ng) while the book is read and attributed.
            SpareWorkers.start(command: VoiceOptions.workerCommand, count: jobs)
            do {
                // Only the plans (and the book's title) outlive this: the script and its working data
                // are let go before any audio is made.
                let (plans, book, m4bWriter, epubWriter, engine) = try {
                    () throws -> ([ScenePlan], String, M4BWriter?, ReadAlongWriter?, SpeechEngine) in
                    let (production, engine) = try voices.production(manuscript)
                    let script = production.script
                    let metadata = manuscript.bookMetadata(script)
                    let picture = m4b || epub ? try manuscript.coverImage(script, option: cover) : nil
                    let m4bWriter =
                        m4b ? M4BWriter(title: metadata.title ?? "", author: metadata.author, cover: picture) : nil
                    let epubWriter =
                        epub
                        ? ReadAlongWriter(
                            title: metadata.title ?? "", author: metadata.author, language: metadata.language,
                            cover: picture, publisherEPUB: manuscript.epubSource(script)) : nil
                    return (production.plans, manuscript.bookName(script), m4bWriter, epubWriter, engine)
                }()
                AudioMemory.releaseUnusedMemory()
                let folder = URL(fileURLWithPath: output).appendingPathComponent(book)
                // One writer per folder: a second render into it stops here (or waits, with --wait).
                let lock = try FolderLock(folder: folder, wait: wait)
                lock.holdUntilExit()
                if let warning = lock.takeOver { CommandErrors.printError(warning) }
                // What a render that died here left behind (kill -9) goes now; a live preview's files stay.
                RenderInterruption.removeLeftovers(in: folder)
                RenderInterruption.install(cleaning: folder)
                let display = ProgressDisplay(quiet: quiet)
                var renderer = BookRenderer(
                    workerCommand: VoiceOptions.workerCommand, sampleRate: engine.sampleRate,
                    engineVersion: engine.version, jobs: jobs, useCache: !noCache)
                // Each scene's piece of the audiobook file is encoded as soon as the scene is done.
                renderer.encodesPieces = m4bWriter != nil || epubWriter != nil
                let path = manuscript.manuscript
                let summary = try renderer.render(plans, book: book, into: folder, progress: display.update) {
                    failure in
                    display.message(failure.diagnostic(path: path).description)
                }
                display.finish()
                for warning in summary.cacheWarnings { CommandErrors.printError(warning) }
                if !quiet {
                    print(
                        "rendered \(summary.scenes.count) scene\(summary.scenes.count == 1 ? "" : "s") into \(folder.path)/ (\(ProgressDisplay.clock(summary.duration)) of audio): \(book).cue, cues.json, \(book).vtt"
                    )
                    print(
                        "speech units (runs of whole paragraphs): \(summary.spokenUnits) spoken, \(summary.reusedUnits) reused from the earlier render; \(summary.unchangedScenes) scene\(summary.unchangedScenes == 1 ? "" : "s") unchanged"
                    )
                }
                if let m4bWriter {
                    let destination = folder.appendingPathComponent("\(book).m4b")
                    let wrote = try m4bWriter.write(summary, to: destination)
                    if !quiet {
                        let pieces =
                            "\(summary.encodedPieces) scene\(summary.encodedPieces == 1 ? "" : "s") encoded afresh"
                        let chapters = M4BWriter.chapters(of: summary.scenes).count
                        print(
                            wrote
                                ? "wrote \(destination.path) (\(chapters) chapters; \(pieces))"
                                : "\(destination.path) is unchanged (\(chapters) chapters)")
                    }
                }
                if let epubWriter {
                    let destination = folder.appendingPathComponent("\(book).epub")
                    let outcome = try epubWriter.write(summary, plans: plans, to: destination)
                    if let warning = outcome.warning { CommandErrors.printError(warning) }
                    if !quiet {
                        let chapters = epubWriter.documents(summary, plans: plans).chapters.count
                        let text = outcome.keptPublisherText == true ? "the publisher's text" : "\(chapters) chapters"
                        print(
                            outcome.wrote
                                ? "wrote \(destination.path) (read-along EPUB 3, \(text))"
                                : "\(destination.path) is unchanged")
                    }
                }
            } catch {
                throw CommandErrors.report(error)
            }
        }
    }
}

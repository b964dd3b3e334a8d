import AudiobookCore
import AudiobookRender
import Foundation

/// What `render` and `assemble` share: reading and casting the book, locking its folder, making
/// its scenes (all of them, one shard's, or gathered from the shards' folders), then the
/// book-level files.
struct BookOutput {
    enum Mode {
        /// A plain render: every scene, then the book files.
        case whole
        /// One shard's scenes (and pieces), no book files.
        case shard(Shard)
        /// Every scene gathered from these folders (nothing spoken), then the book files.
        case assemble(from: [URL])
    }

    var manuscript: ManuscriptOptions
    var voices: VoiceOptions
    var output: String
    var jobs: Int
    var quiet: Bool
    var m4b: Bool
    var epub: Bool
    var useCache: Bool
    var wait: Bool
    var cover: String?
    var acx = false
    /// When scenes are written as parts (`--part-minutes`).
    var parts: PartOptions

    func run(_ mode: Mode) throws {
        AudioMemory.releaseLargeBuffersEagerly()
        // Workers start (and initialise espeak-ng) while the book is read and attributed.
        if case .assemble = mode {} else { SpareWorkers.start(command: VoiceOptions.workerCommand, count: jobs) }
        do {
            // Only the plans (and the book's title) outlive this: the script and its working data
            // are let go before any audio is made.
            let (plans, book, m4bWriter, epubWriter, engine) = try {
                () throws -> ([ScenePlan], String, M4BWriter?, ReadAlongWriter?, SpeechEngine) in
                let (production, engine) = try voices.production(
                    manuscript, outputRoot: output, partSeconds: try parts.seconds())
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
            // Shards of one book share the folder, each holding a lock of its own.
            if case .shard(let shard) = mode {
                let folderLock = try FolderLock(folder: folder, wait: wait, shared: true)
                folderLock.holdUntilExit()
                let own = try FolderLock(
                    folder: folder, wait: wait, name: "lock-shard-\(shard.index)-of-\(shard.count)")
                own.holdUntilExit()
                if let warning = own.takeOver { CommandErrors.printError(warning) }
            } else {
                let lock = try FolderLock(folder: folder, wait: wait)
                lock.holdUntilExit()
                if let warning = lock.takeOver { CommandErrors.printError(warning) }
            }
            // What a render that died here left behind (kill -9) goes now; a live preview's files stay.
            RenderInterruption.removeLeftovers(in: folder)
            RenderInterruption.install(cleaning: folder)
            let display = ProgressDisplay(quiet: quiet)
            var renderer = BookRenderer(
                workerCommand: VoiceOptions.workerCommand, sampleRate: engine.sampleRate,
                engineVersion: engine.version, jobs: jobs, useCache: useCache)
            // Each scene's piece of the audiobook file is encoded as soon as the scene is done.
            renderer.encodesPieces = m4bWriter != nil || epubWriter != nil
            let path = manuscript.manuscript
            let onFailure: (BookRenderer.LineFailure) -> Void = { failure in
                display.message(failure.diagnostic(path: path).description)
            }
            if case .shard(let shard) = mode {
                let scenes = shard.scenes(of: plans)
                let summary = try renderer.renderShard(
                    plans, scenes: scenes, into: folder, progress: display.update, failure: onFailure)
                display.finish()
                for warning in summary.cacheWarnings { CommandErrors.printError(warning) }
                if !quiet {
                    let which = scenes.isEmpty ? "no scenes" : "scenes \(scenes.lowerBound + 1)–\(scenes.upperBound)"
                    print(
                        "rendered shard \(shard.index) of \(shard.count) (\(which) of \(plans.count)) into \(folder.path)/ (\(ProgressDisplay.clock(summary.duration)) of audio); `audiobook assemble` writes the book files"
                    )
                }
                return
            }
            if case .assemble(let sources) = mode {
                renderer.sources = sources.map { $0.appendingPathComponent(book) }
                renderer.synthesizes = false
            }
            let summary = try renderer.render(
                plans, book: book, into: folder, progress: display.update, failure: onFailure)
            display.finish()
            for warning in summary.cacheWarnings { CommandErrors.printError(warning) }
            if !quiet {
                let verb = if case .assemble = mode { "assembled" } else { "rendered" }
                print(
                    "\(verb) \(summary.scenes.count) scene\(summary.scenes.count == 1 ? "" : "s") into \(folder.path)/ (\(ProgressDisplay.clock(summary.duration)) of audio): \(book).cue, cues.json, \(book).vtt"
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
            if acx {
                var mastering = ACXMastering()
                mastering.jobs = jobs
                let measures = try mastering.write(summary, plans: plans, folder: folder)
                let failing = measures.filter { !$0.failures().isEmpty }
                if !quiet {
                    print(
                        "wrote \(measures.count) ACX file\(measures.count == 1 ? "" : "s") into \(folder.path)/acx/ (\(measures.count - failing.count) pass); report: \(folder.path)/acx-report.txt"
                    )
                }
                for measure in failing {
                    CommandErrors.printError(
                        "\(folder.path)/acx/\(measure.file): warning: \(measure.failures().joined(separator: "; "))")
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

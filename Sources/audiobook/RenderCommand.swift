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
        @OptionGroup var parts: PartOptions

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
            help:
                "Also write an ACX submission set into OUTPUT/BOOK/acx/: an MP3 per chapter (192 kbps CBR, 44.1 kHz, mono) with room tone, RMS -20 dB, peaks under -3 dB, none over 120 minutes; acx-report.txt lists each file's measures (needs ffmpeg)."
        )
        var acx = false

        @Flag(
            name: .customLong("no-cache"),
            help: "Speak everything afresh, ignoring the audio of an earlier render in the output folder.")
        var noCache = false

        @Flag(help: "Wait for another render into the same folder to finish, rather than stop at once.")
        var wait = false

        @Option(
            help: ArgumentHelp(
                "Render only shard K of N of the scenes (split by the text alone), for a batch engine; auto/N takes K from JOB_COMPLETION_INDEX (Kubernetes) or PARALLEL_SEQ (GNU parallel), auto takes K and N from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT. Then `audiobook assemble`.",
                valueName: "K/N|auto/N|auto"))
        var shard: String?

        @Option(
            help: ArgumentHelp(
                "A cover picture (JPEG or PNG) for the M4B and the EPUB; default: the EPUB's cover or the front matter's cover:.",
                valueName: "file"))
        var cover: String?

        func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        }

        func run() throws {
            let selected: Shard?
            do {
                selected = try shard.map { try Shard($0, environment: ProcessInfo.processInfo.environment) }
            } catch {
                throw CommandErrors.report(error)
            }
            try BookOutput(
                manuscript: manuscript, voices: voices, output: output, jobs: jobs, quiet: quiet, m4b: m4b, epub: epub,
                useCache: !noCache, wait: wait, cover: cover, acx: acx, parts: parts
            ).run(selected.map { .shard($0) } ?? .whole)
        }
    }
}

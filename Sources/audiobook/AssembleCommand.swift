import ArgumentParser
import AudiobookRender
import Foundation

extension AudiobookCommand {
    /// `audiobook assemble MANUSCRIPT --from DIR… [--output DIR] [--m4b] [--epub] [--voices DIR] [--cast FILE]`
    struct Assemble: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Gather the scenes rendered by shards (render --shard) and write the book files, as one render would.",
            discussion:
                "Example: audiobook assemble book.md --from shard-1 shard-2 shard-3 --output Output  (writes Output/book/)"
        )

        @OptionGroup var manuscript: ManuscriptOptions
        @OptionGroup var voices: VoiceOptions
        @OptionGroup var parts: PartOptions

        @Option(
            parsing: .upToNextOption,
            help: ArgumentHelp(
                "The shards' output folders (each holding BOOK/); the output folder itself is always searched.",
                valueName: "dir"))
        var from: [String] = []

        @Option(help: "The folder to assemble into; files go to OUTPUT/BOOK/.")
        var output: String = "Output"

        @Option(
            name: .customLong("jobs"),
            help: ArgumentHelp(
                "How many scene pieces to encode at once for --m4b/--epub (default: the cores).", valueName: "n"))
        var requestedJobs: Int?

        @Flag(help: "Print no progress.")
        var quiet = false

        @Flag(help: "Also write BOOK.m4b (needs ffmpeg).")
        var m4b = false

        @Flag(help: "Also write the read-along BOOK.epub (needs ffmpeg).")
        var epub = false

        @Flag(help: "Wait for another render into the output folder to finish, rather than stop at once.")
        var wait = false

        @Option(help: ArgumentHelp("A cover picture (JPEG or PNG) for the M4B and the EPUB.", valueName: "file"))
        var cover: String?

        func run() throws {
            try BookOutput(
                manuscript: manuscript, voices: voices, output: output,
                jobs: max(1, requestedJobs ?? ProcessInfo.processInfo.activeProcessorCount), quiet: quiet, m4b: m4b,
                epub: epub, useCache: true, wait: wait, cover: cover, parts: parts
            ).run(.assemble(from: from.map { URL(fileURLWithPath: $0) }))
        }
    }
}

import ArgumentParser
import AudiobookCore
import Foundation

extension AudiobookCommand {
    /// `audiobook text MANUSCRIPT`
    struct Text: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the plain text audiobook reads: for an EPUB, the rendering that script offsets refer to.",
            discussion: "Example: audiobook text book.epub > book.txt"
        )

        @Argument(help: "The manuscript or EPUB.")
        var manuscript: String

        func run() throws {
            do {
                let text = try ManuscriptOptions.parse([manuscript]).readManuscript()
                CommandErrors.printOutput(Data(text.bytes))
            } catch {
                throw CommandErrors.report(error)
            }
        }
    }
}

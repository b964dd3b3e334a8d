import ArgumentParser
import AudiobookCore
import Foundation

/// The manuscript and cast options every subcommand shares.
struct ManuscriptOptions: ParsableArguments {
    @Argument(help: "The manuscript: a UTF-8 text or Markdown-ish file.")
    var manuscript: String

    @Option(name: .long, help: "A cast file (YAML) naming the characters, their aliases, gender and the point-of-view character.")
    var cast: String?

    /// Reads the manuscript and the cast file.
    func load(defaultCast: String? = nil) throws -> (Manuscript, CastFile?) {
        let manuscript = try Manuscript(contentsOf: self.manuscript)
        var castFile: CastFile?
        if let path = cast ?? defaultCast.flatMap({ FileManager.default.fileExists(atPath: $0) ? $0 : nil }) {
            castFile = try CastFile(contentsOf: path)
        }
        return (manuscript, castFile)
    }
}

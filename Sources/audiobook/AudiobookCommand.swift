import ArgumentParser
import AudiobookCore
import AudiobookRender
import Foundation

/// The `audiobook` command: a manuscript in, an attributed script and a multi-voice audiobook out.
@main
struct AudiobookCommand: ParsableCommand {
    static func main() {
        // A worker that dies must not take the renderer down with a broken pipe.
        signal(SIGPIPE, SIG_IGN)
        // A file-size limit makes writes fail with a clear error rather than kill the process.
        signal(SIGXFSZ, SIG_IGN)
        Self.main(nil)
    }

    /// The tool's version, printed by `audiobook --version`.
    static let version = "0.18.0"

    static let configuration = CommandConfiguration(
        commandName: "audiobook",
        abstract: "Turn a novel's text into a rough multi-voice audiobook.",
        version: AudiobookCommand.version,
        subcommands: [
            Script.self, Render.self, Assemble.self, Preview.self, Review.self, Cast.self, Voices.self, Words.self,
            Check.self, Text.self,
            Worker.self,
        ]
    )
}

/// Prints errors the way FORMATS.md fixes them: one line, `path:line: error: …` or `error: …`.
enum CommandErrors {
    static func report(_ error: any Error) -> ExitCode {
        let message: String
        switch error {
        case let error as ManuscriptError: message = error.diagnostic.description
        case let error as ConfigError: message = error.diagnostic.description
        case let error as EPUBError: message = error.diagnostic.description
        case let error as ExitCode: return error
        case let error as NSError where error.domain == NSCocoaErrorDomain || error.domain == NSPOSIXErrorDomain:
            let path = (error.userInfo[NSFilePathErrorKey] as? String).map { "\($0): " } ?? ""
            message = "error: \(path)\(FileSystemReason.describe(error))"
        case let error as LocalizedError where error.errorDescription != nil:
            message = "error: \(error.errorDescription!)"
        default: message = "error: \(error)"
        }
        printError(message)
        return .failure
    }

    static func printError(_ line: String) {
        try? FileHandle.standardError.write(contentsOf: Data((line + "\n").utf8))
    }

    /// Writes to stdout; a reader that went away (`audiobook script book.txt | head`) ends the
    /// command quietly, as it would any Unix tool, rather than crashing it.
    static func printOutput(_ data: Data) {
        do {
            try FileHandle.standardOutput.write(contentsOf: data)
        } catch {
            exit(0)
        }
    }
}

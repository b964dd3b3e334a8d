import ArgumentParser
import AudiobookCore
import Foundation

extension AudiobookCommand {
    /// `audiobook script MANUSCRIPT [--cast FILE] [--format text|json]`
    struct Script: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the attributed script: scenes, lines and who speaks each.",
            discussion: "Example: audiobook script Examples/lighthouse.md --format json > lighthouse.json"
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text
            case json
        }

        @OptionGroup var options: ManuscriptOptions

        @Option(help: "Output form: text (a readable listing) or json.")
        var format: Format = .text

        func run() throws {
            do {
                let (manuscript, cast) = try options.load()
                let script = ScriptBuilder().script(for: manuscript, cast: cast)
                for warning in script.warnings { CommandErrors.printError(warning.description) }
                switch format {
                case .text:
                    FileHandle.standardOutput.write(Data(ScriptTextFormatter().format(script).utf8))
                case .json:
                    var data = try ScriptJSON.encode(script)
                    data.append(0x0A)
                    FileHandle.standardOutput.write(data)
                }
            } catch {
                throw CommandErrors.report(error)
            }
        }
    }
}

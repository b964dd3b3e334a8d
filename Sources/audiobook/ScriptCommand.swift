import ArgumentParser
import AudiobookCore
import Foundation

extension AudiobookCommand {
    /// `audiobook script MANUSCRIPT [--cast FILE] [--format text|json]`
    struct Script: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the attributed script: scenes, lines and who speaks each.",
            discussion: """
                Examples:
                  audiobook script Examples/lighthouse.md > lighthouse.script      (edit speakers, then: audiobook render lighthouse.script)
                  audiobook script Examples/lighthouse.md --format json > lighthouse.json
                  audiobook script Examples/lighthouse.md --keep lighthouse.script > lighthouse.new.script
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text
            case json
        }

        @OptionGroup var options: ManuscriptOptions

        @Option(help: "Output form: text (a readable listing) or json.")
        var format: Format = .text

        @Option(help: "An edited script of an earlier version of the manuscript: its speakers are kept on every unchanged line.")
        var keep: String?

        func run() throws {
            do {
                let (manuscript, cast) = try options.load()
                var script = ScriptBuilder().script(for: manuscript, cast: cast)
                for warning in script.warnings { CommandErrors.printError(warning.description) }
                if let keep {
                    let kept = ScriptCorrections.keep(try ScriptTextParser.parse(contentsOf: keep), in: script)
                    script = kept.script
                    CommandErrors.printError("kept \(kept.kept) speaker correction\(kept.kept == 1 ? "" : "s") from \(keep)")
                }
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

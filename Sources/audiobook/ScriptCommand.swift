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

        @Option(help: "The voices folder whose delivery.yaml (if any) changes how tags give deliveries.")
        var voices: String = "Voices"

        @Option(
            help:
                "An edited script of an earlier version of the manuscript: its speakers are kept on every unchanged line."
        )
        var keep: String?

        @Option(
            help: ArgumentHelp(
                "Also write what the exchange decoder saw of each exchange (JSON lines), to fit its weights from (scripts/fit-attribution.py).",
                valueName: "file"))
        var decoderExamples: String?

        func run() throws {
            do {
                // A script file is printed as `render` reads it (so `--format json` converts it);
                // a manuscript is attributed.
                if decoderExamples != nil, options.isScriptFile {
                    throw ValidationError(
                        "--decoder-examples attributes a manuscript; \(options.manuscript) is already a script")
                }
                if keep != nil, options.isScriptFile {
                    throw ValidationError(
                        "--keep takes corrections into a manuscript's new script; \(options.manuscript) is already a script"
                    )
                }
                let deliveryFile = (voices as NSString).appendingPathComponent(VoiceLibrary.deliveryFile)
                let deliveries =
                    FileManager.default.fileExists(atPath: deliveryFile)
                    ? try DeliveryTable(contentsOf: deliveryFile) : .builtIn
                var (script, _) = try options.script(deliveries: deliveries, decoderExamples: decoderExamples)
                if let keep, !options.isScriptFile {
                    let kept = ScriptCorrections.keep(try ScriptTextParser.parse(contentsOf: keep), in: script)
                    script = kept.script
                    CommandErrors.printError(
                        "kept \(kept.kept) speaker correction\(kept.kept == 1 ? "" : "s") from \(keep)")
                }
                switch format {
                case .text:
                    CommandErrors.printOutput(Data(ScriptTextFormatter().format(script).utf8))
                case .json:
                    var data = try ScriptJSON.encode(script)
                    data.append(0x0A)
                    CommandErrors.printOutput(data)
                }
            } catch {
                throw CommandErrors.report(error)
            }
        }
    }
}

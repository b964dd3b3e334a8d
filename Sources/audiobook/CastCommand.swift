import ArgumentParser
import AudiobookCore
import AudiobookRender
import Foundation

extension AudiobookCommand {
    /// `audiobook cast MANUSCRIPT [--cast FILE] [--voices DIR] [--write]`
    struct Cast: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the speakers, their line counts and the voice each gets; --write creates missing profiles.",
            discussion: "Example: audiobook cast Examples/lighthouse.md --write"
        )

        @OptionGroup var manuscript: ManuscriptOptions
        @OptionGroup var voices: VoiceOptions

        @Flag(help: "Create a profile file in the voices folder for every speaker without one (never overwrites).")
        var write = false

        func run() throws {
            do {
                // --write into a voices folder that does not exist yet starts it.
                if write, !FileManager.default.fileExists(atPath: voices.folder) {
                    try FileManager.default.createDirectory(atPath: voices.folder, withIntermediateDirectories: true)
                }
                let (production, _) = try voices.production(manuscript, speaking: false)
                let counts = production.script.dialogueCounts
                let speakers =
                    ([ScriptLine.narrator]
                        + counts.keys.filter { $0 != ScriptLine.narrator }.sorted {
                            (counts[$0]!, $1) > (counts[$1]!, $0)
                        })
                let width = max(8, speakers.map(\.count).max() ?? 0)
                print("\("speaker".padding(toLength: width, withPad: " ", startingAt: 0))  lines  voice")
                for speaker in speakers {
                    let assignment = production.casting.assignment(for: speaker)
                    let source: String
                    switch assignment.source {
                    case .profile(let path): source = "\(path) (\(assignment.reason)): \(assignment.settings.summary)"
                    case .automatic: source = "automatic (\(assignment.reason)): \(assignment.settings.summary)"
                    case .builtInNarrator:
                        source = "built-in narrator (\(assignment.reason)): \(assignment.settings.summary)"
                    }
                    let lines = String(counts[speaker] ?? 0)
                    print(
                        "\(speaker.padding(toLength: width, withPad: " ", startingAt: 0))  \(String(repeating: " ", count: max(0, 5 - lines.count)))\(lines)  \(source)"
                    )
                }
                guard write else { return }
                try FileManager.default.createDirectory(atPath: voices.folder, withIntermediateDirectories: true)
                for speaker in speakers where speaker != ScriptLine.unknown {
                    let assignment = production.casting.assignment(for: speaker)
                    guard !isProfile(assignment.source) else { continue }
                    let path = (voices.folder as NSString).appendingPathComponent(VoiceLibrary.fileName(for: speaker))
                    let header =
                        "# Voice of \(speaker), written by `audiobook cast --write`; edit and re-render to hear it.\n"
                    // O_EXCL: an existing file, even one made a moment ago, is never overwritten.
                    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
                    guard descriptor >= 0 else {
                        CommandErrors.printError("warning: \(path) already exists; left as it is")
                        continue
                    }
                    let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
                    try handle.write(contentsOf: Data((header + assignment.settings.yaml).utf8))
                    print("wrote \(path)")
                }
            } catch {
                throw CommandErrors.report(error)
            }
        }

        func isProfile(_ source: VoiceCasting.Source) -> Bool {
            if case .profile = source { return true }
            return false
        }
    }
}

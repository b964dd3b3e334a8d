import ArgumentParser
import AudiobookRender
import Foundation

extension AudiobookCommand {
    /// `audiobook voices`
    struct Voices: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "List the installed espeak-ng voices and variants (MBROLA voices, which cannot load, are left out).",
            discussion: "Example: audiobook voices"
        )

        func run() throws {
            do {
                let catalog = try SpeechEngine.shared().installedVoices()
                print("voices (use as `voice:`):")
                let width = max(8, catalog.voices.map(\.language.count).max() ?? 0)
                for voice in catalog.voices.sorted(by: { $0.language < $1.language }) {
                    print(
                        "  \(voice.language.padding(toLength: width, withPad: " ", startingAt: 0))  \(voice.gender.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(voice.name)  (\(voice.identifier))"
                    )
                }
                print("variants (use as `variant:`):")
                for variant in catalog.variants.sorted(by: { $0.name < $1.name }) {
                    print(
                        "  \(variant.name.padding(toLength: 20, withPad: " ", startingAt: 0))  \(variant.gender.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(variant.description)"
                    )
                }
            } catch {
                throw CommandErrors.report(error)
            }
        }
    }
}

import ArgumentParser
import AudiobookRender
import Foundation

extension AudiobookCommand {
    /// The hidden synthesis worker: speaks one job from stdin and writes frames to stdout.
    struct Worker: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "_worker", shouldDisplay: false)

        func run() throws {
            try SynthesisWorker.run(input: .standardInput, output: .standardOutput)
        }
    }
}

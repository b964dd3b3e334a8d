import ArgumentParser
import AudiobookRender
import Foundation

extension AudiobookCommand {
    /// `audiobook check FOLDER`
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure a folder of WAV and MP3 files against ACX's limits; exit non-zero when one fails.",
            discussion: """
                Each file's RMS, peak, noise floor (its quietest half second), room tone at the head and tail and \
                length; for an MP3 also its sample rate, channels and bit rate (constant 192 kbps, 44.1 kHz, mono). \
                Example: audiobook check Output/lighthouse/acx
                """)

        @Argument(help: "A folder of .wav and .mp3 files (or one file).")
        var folder: String

        func run() throws {
            do {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
                    throw RenderError.cannotRead(path: folder, reason: "no such file or folder")
                }
                let files: [URL]
                if isDirectory.boolValue {
                    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                    files = names.filter {
                        !$0.hasPrefix(".") && ($0.lowercased().hasSuffix(".wav") || $0.lowercased().hasSuffix(".mp3"))
                    }
                    .map { URL(fileURLWithPath: folder).appendingPathComponent($0) }
                    guard !files.isEmpty else {
                        throw RenderError.cannotRead(path: folder, reason: "it holds no .wav or .mp3 file")
                    }
                } else {
                    files = [URL(fileURLWithPath: folder)]
                }
                let measures = try files.map { try AudioMeasures.measure(file: $0) }
                let limits = ACXLimits()
                CommandErrors.printOutput(
                    Data(ACXMastering.report(measures, limits: limits, folder: folder).utf8))
                let failing = measures.filter { !$0.failures(limits).isEmpty }
                for (file, measure) in zip(files, measures) where !measure.failures(limits).isEmpty {
                    CommandErrors.printError(
                        "\(file.relativePath): error: \(measure.failures(limits).joined(separator: "; "))")
                }
                if !failing.isEmpty {
                    CommandErrors.printError(
                        "error: \(failing.count) of \(measures.count) files in \(folder) fail ACX's limits")
                    throw ExitCode.failure
                }
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw CommandErrors.report(error)
            }
        }
    }
}

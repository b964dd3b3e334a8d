import Foundation
import Testing

@testable import AudiobookCore

/// An attribution fixture: `Fixtures/attribution/NAME.txt`, with `NAME.cast.yaml` beside it when the
/// case has a cast and `NAME.script.txt`, its golden text script, when one is kept.
struct AttributionCase: CustomTestStringConvertible, Sendable {
    let name: String

    init(_ name: String) { self.name = name }

    var testDescription: String { name }

    static let folder = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/attribution")

    /// Every case of the folder, by name.
    static var all: [AttributionCase] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".txt") && !$0.hasSuffix(".script.txt") }.sorted().map {
            AttributionCase(String($0.dropLast(4)))
        }
    }

    /// The cases with a golden script.
    static var golden: [AttributionCase] {
        all.filter { FileManager.default.fileExists(atPath: $0.url("script.txt").path) }
    }

    func url(_ suffix: String) -> URL { Self.folder.appendingPathComponent("\(name).\(suffix)") }

    var text: String { get throws { try String(contentsOf: url("txt"), encoding: .utf8) } }

    var cast: String? { try? String(contentsOf: url("cast.yaml"), encoding: .utf8) }

    /// The golden text script.
    var goldenScript: String { get throws { try String(contentsOf: url("script.txt"), encoding: .utf8) } }

    /// The case's script: with its cast unless `withCast` is false, by the given attributor.
    func script(withCast: Bool = true, attributor: SpeakerAttributor = SpeakerAttributor()) throws -> Script {
        let manuscript = try Manuscript(path: "\(name).txt", bytes: Array(try text.utf8))
        let castFile = try (withCast ? cast : nil).map { try CastFile(path: "\(name).cast.yaml", text: $0) }
        var builder = ScriptBuilder()
        builder.attributor = attributor
        return builder.script(for: manuscript, cast: castFile)
    }

    /// The text form of the case's script, as the golden keeps it.
    func scriptText(attributor: SpeakerAttributor = SpeakerAttributor()) throws -> String {
        ScriptTextFormatter().format(try script(attributor: attributor))
    }
}

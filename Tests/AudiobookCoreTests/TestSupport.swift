import Foundation

@testable import AudiobookCore

/// Builds the script of an in-memory manuscript.
func makeScript(_ text: String, cast: String? = nil, path: String = "book.txt") throws -> Script {
    let manuscript = try Manuscript(path: path, bytes: Array(text.utf8))
    let castFile = try cast.map { try CastFile(path: "cast.yaml", text: $0) }
    return ScriptBuilder().script(for: manuscript, cast: castFile)
}

/// The dialogue lines as "speaker: text" pairs, for compact assertions.
func speakers(_ script: Script) -> [String] {
    script.dialogue.map { "\($0.speaker): \($0.text)" }
}

/// The speaker of the dialogue line whose text starts with `prefix`.
func speaker(of prefix: String, in script: Script) -> String? {
    script.dialogue.first { $0.text.hasPrefix(prefix) }?.speaker
}

/// A fixture file's text.
func fixture(_ name: String) throws -> String {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
        throw CocoaError(.fileNoSuchFile)
    }
    return try String(contentsOf: url, encoding: .utf8)
}

/// The URL of a fixture file.
func fixtureURL(_ name: String) throws -> URL {
    guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
        throw CocoaError(.fileNoSuchFile)
    }
    return url
}

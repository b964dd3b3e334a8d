import ArgumentParser
import AudiobookCore
import Foundation

/// The manuscript (or edited script) and cast options every subcommand shares.
struct ManuscriptOptions: ParsableArguments {
    @Argument(help: "The manuscript (UTF-8 text or Markdown-ish, or an .epub), or a script file written by `audiobook script`.")
    var manuscript: String

    @Option(name: .long, help: "A cast file (YAML) naming the characters, their aliases, gender and the point-of-view character.")
    var cast: String?

    /// Reads the cast file: `--cast`, else `defaultCast` when it exists.
    func loadCast(defaultCast: String? = nil) throws -> CastFile? {
        guard let path = cast ?? defaultCast.flatMap({ FileManager.default.fileExists(atPath: $0) ? $0 : nil }) else { return nil }
        return try CastFile(contentsOf: path)
    }

    /// Reads the manuscript and the cast file.
    func load(defaultCast: String? = nil) throws -> (Manuscript, CastFile?) {
        (try readManuscript(), try loadCast(defaultCast: defaultCast))
    }

    var isEPUB: Bool { manuscript.lowercased().hasSuffix(".epub") }

    /// The manuscript: a text file as read, or an EPUB's plain-text rendering (which script offsets refer to).
    func readManuscript() throws -> Manuscript {
        guard isEPUB else { return try Manuscript(contentsOf: manuscript) }
        return try Manuscript(path: manuscript, bytes: Array(EPUBBook(contentsOf: manuscript).text.utf8))
    }

    /// The book's title and author: the EPUB's metadata, else the manuscript's first heading.
    func bookMetadata(_ script: Script) -> (title: String, author: String?) {
        if isEPUB, let book = try? EPUBBook(contentsOf: manuscript), let title = book.title {
            return (title, book.author)
        }
        let heading = script.scenes.lazy.flatMap(\.lines).first { $0.kind == .heading }?.text
        return (heading ?? VoiceOptions.bookName(manuscript), nil)
    }

    /// Whether the input is a script file rather than a manuscript.
    var isScriptFile: Bool {
        guard let handle = FileHandle(forReadingAtPath: manuscript) else { return false }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: ScriptTextFormatter.signature.utf8.count)) ?? Data()
        return ScriptTextParser.isScript(String(decoding: start, as: UTF8.self))
    }

    /// The script to render: the edited script file as it is (warning when its manuscript
    /// changed since), or the manuscript attributed afresh.
    func script(defaultCast: String? = nil) throws -> (Script, CastFile?) {
        let castFile = try loadCast(defaultCast: defaultCast)
        if isScriptFile {
            let script = try ScriptTextParser.parse(contentsOf: manuscript)
            if let checksum = script.checksum, let bytes = sourceBytes(of: script), Manuscript.checksum(of: bytes) != checksum {
                CommandErrors.printError("\(manuscript): warning: \(script.source) has changed since this script was made (its checksum differs); rendering the script as it is")
            }
            return (script, castFile)
        }
        let text = try readManuscript()
        let script = ScriptBuilder().script(for: text, cast: castFile)
        for warning in script.warnings { CommandErrors.printError(warning.description) }
        return (script, castFile)
    }

    /// The manuscript a script names, found from the current folder or beside the script.
    func sourceBytes(of script: Script) -> [UInt8]? {
        let beside = ((manuscript as NSString).deletingLastPathComponent as NSString).appendingPathComponent(script.source)
        for path in [script.source, beside] {
            if let data = FileManager.default.contents(atPath: path) { return [UInt8](data) }
        }
        return nil
    }
}

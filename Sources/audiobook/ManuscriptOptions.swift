import ArgumentParser
import AudiobookCore
import AudiobookRender
import Foundation

/// The manuscript (or edited script) and cast options every subcommand shares.
struct ManuscriptOptions: ParsableArguments {
    @Argument(
        help:
            "The manuscript (UTF-8 text or Markdown-ish, or an .epub), or a script file written by `audiobook script`.")
    var manuscript: String

    @Option(
        name: .long,
        help: "A cast file (YAML) naming the characters, their aliases, gender and the point-of-view character.")
    var cast: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The book's language (en, de, fr, …): the narrator's espeak-ng voice and the quotation marks to expect. Default: the EPUB's dc:language or the front matter's lang:, else English.",
            valueName: "code"))
    var language: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A weights file (JSON) for the exchange decoder, as scripts/fit-attribution.py writes: replaces the fitted weights the tool ships.",
            valueName: "file"))
    var attributionWeights: String?

    /// The script builder: the shipped rules, with the decoder weights of `--attribution-weights`.
    func scriptBuilder(deliveries: DeliveryTable = .builtIn) throws -> ScriptBuilder {
        var builder = ScriptBuilder()
        builder.deliveries = deliveries
        if let attributionWeights {
            builder.attributor.weights = try AttributionWeights(contentsOf: attributionWeights)
        }
        return builder
    }

    /// Reads the cast file: `--cast`, else `defaultCast` when it exists.
    func loadCast(defaultCast: String? = nil) throws -> CastFile? {
        guard let path = cast ?? defaultCast.flatMap({ FileManager.default.fileExists(atPath: $0) ? $0 : nil }) else {
            return nil
        }
        return try CastFile(contentsOf: path)
    }

    /// Reads the manuscript and the cast file.
    func load(defaultCast: String? = nil) throws -> (Manuscript, CastFile?) {
        (try readManuscript(), try loadCast(defaultCast: defaultCast))
    }

    var isEPUB: Bool { manuscript.lowercased().hasSuffix(".epub") }

    /// The manuscript: a text file as read, or an EPUB's plain-text rendering (which script offsets refer to).
    func readManuscript() throws -> Manuscript {
        var text: Manuscript
        if isEPUB {
            let book = try EPUBBook(contentsOf: manuscript)
            text = try Manuscript(path: manuscript, bytes: Array(book.text.utf8))
            text.metadata = book.metadata
        } else {
            text = try Manuscript(contentsOf: manuscript)
        }
        if let language { text.metadata = BookMetadata(language: language).filled(from: text.metadata) }
        return text
    }

    /// The name of the book's folder under the output folder: the manuscript's file name without its
    /// extension; for a script file, its manuscript's (so an edited script renders into the book's folder).
    func bookName(_ script: Script) -> String {
        VoiceOptions.bookName(isScriptFile ? script.source : manuscript)
    }

    /// The book's metadata for its audiobook file: the EPUB's, the front matter's or the title page's;
    /// the title is the file name when the book gives none.
    func bookMetadata(_ script: Script) -> BookMetadata {
        var metadata = script.metadata
        if metadata.title == nil { metadata.title = bookName(script) }
        return metadata
    }

    /// The cover for the audiobook file: `--cover`, else the EPUB's, else the front matter's `cover:`
    /// (a path beside the manuscript). A named cover that cannot be read is an error.
    func coverImage(_ script: Script, option: String?) throws -> CoverImage? {
        if let option { return try CoverImage(contentsOf: option, namedBy: "--cover") }
        let source = isScriptFile ? script.source : manuscript
        if source.lowercased().hasSuffix(".epub") {
            let path = isScriptFile ? (sourcePath(of: script) ?? source) : source
            guard let cover = (try? EPUBBook(contentsOf: path))?.cover else { return nil }
            return try CoverImage(data: cover.data, name: "the cover of \(path)")
        }
        guard let relative = script.metadata.cover else { return nil }
        let folder = ((sourcePath(of: script) ?? source) as NSString).deletingLastPathComponent
        let path = relative.hasPrefix("/") ? relative : (folder as NSString).appendingPathComponent(relative)
        return try CoverImage(contentsOf: path, namedBy: "the front matter of \(source)")
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
    /// With `decoderExamples`, what the exchange decoder saw is also written there (JSON lines).
    func script(
        defaultCast: String? = nil, deliveries: DeliveryTable = .builtIn, decoderExamples: String? = nil
    ) throws -> (Script, CastFile?) {
        let castFile = try loadCast(defaultCast: defaultCast)
        if isScriptFile {
            var script = try ScriptTextParser.parse(contentsOf: manuscript)
            if let language { script.metadata.language = language }
            if let checksum = script.checksum, let bytes = sourceBytes(of: script),
                Manuscript.checksum(of: bytes) != checksum
            {
                CommandErrors.printError(
                    "\(manuscript): warning: \(script.source) has changed since this script was made (its checksum differs); rendering the script as it is"
                )
            }
            return (script, castFile)
        }
        let builder = try scriptBuilder(deliveries: deliveries)
        let text = try readManuscript()
        let script: Script
        if let decoderExamples {
            let kept = builder.scriptKeepingDecoderExamples(for: text, cast: castFile)
            script = kept.script
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            var data = Data()
            for example in kept.decoderExamples {
                data.append(try encoder.encode(example))
                data.append(0x0A)
            }
            try AtomicFile.write(data, to: URL(fileURLWithPath: decoderExamples))
        } else {
            script = builder.script(for: text, cast: castFile)
        }
        for warning in script.warnings { CommandErrors.printError(warning.description) }
        return (script, castFile)
    }

    /// The manuscript a script names, found from the current folder or beside the script.
    func sourceBytes(of script: Script) -> [UInt8]? {
        sourcePath(of: script).flatMap { FileManager.default.contents(atPath: $0) }.map { [UInt8]($0) }
    }

    /// The EPUB the book was read from (the manuscript, or the manuscript a script file names), when it is one.
    func epubSource(_ script: Script) -> URL? {
        guard let path = sourcePath(of: script), path.lowercased().hasSuffix(".epub") else { return nil }
        return URL(fileURLWithPath: path)
    }

    /// Where the manuscript a script names is: from the current folder, or beside the script.
    func sourcePath(of script: Script) -> String? {
        guard isScriptFile else { return manuscript }
        let beside = ((manuscript as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
            script.source)
        return [script.source, beside].first { FileManager.default.fileExists(atPath: $0) }
    }
}

import Foundation

/// The script's JSON form (`--format json`), as FORMATS.md fixes it.
public enum ScriptJSON {
    /// The format name in the `format` field.
    public static let formatName = "audiobook-script"
    /// The version in the `version` field.
    public static let version = 1

    /// Encodes a script; keys keep the documented order. `numberingLines` gives every line an `id`:
    /// its 0-based index over the whole book (as the review page's API does).
    public static func encode(_ script: Script, numberingLines: Bool = false, pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys] : [.sortedKeys]
        var document = Document(script)
        if numberingLines {
            var id = 0
            for scene in document.scenes.indices {
                for line in document.scenes[scene].lines.indices {
                    document.scenes[scene].lines[line].id = id
                    id += 1
                }
            }
        }
        return try encoder.encode(document)
    }

    /// One line as `encode` writes it inside a scene, with its `id`.
    public static func encode(_ line: ScriptLine, id: Int) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var entry = LineEntry(line)
        entry.id = id
        return try encoder.encode(entry)
    }

    /// Decodes a script written by `encode`.
    public static func decode(_ data: Data) throws -> Script {
        try JSONDecoder().decode(Document.self, from: data).script
    }

    struct Document: Codable {
        var format = ScriptJSON.formatName
        var version = ScriptJSON.version
        var source: String
        var checksum: String?
        var title: String?
        var author: String?
        var language: String?
        var cover: String?
        var characters: [CharacterEntry]
        var scenes: [SceneEntry]

        init(_ script: Script) {
            source = script.source
            checksum = script.checksum
            title = script.metadata.title
            author = script.metadata.author
            language = script.metadata.language
            cover = script.metadata.cover
            characters = script.characters.map(CharacterEntry.init)
            scenes = script.scenes.map(SceneEntry.init)
        }

        var script: Script {
            Script(
                source: source, characters: characters.map(\.character), scenes: scenes.map(\.scene),
                checksum: checksum,
                metadata: BookMetadata(title: title, author: author, language: language, cover: cover))
        }
    }

    struct CharacterEntry: Codable {
        var name: String
        var aliases: [String]
        var gender: Gender
        var lines: Int
        var voice: String?

        init(_ character: Script.Character) {
            name = character.name
            aliases = character.aliases
            gender = character.gender
            lines = character.lines
            voice = character.voice
        }

        var character: Script.Character {
            Script.Character(name: name, aliases: aliases, gender: gender, lines: lines, voice: voice)
        }
    }

    struct SceneEntry: Codable {
        var index: Int
        var chapter: String?
        var lines: [LineEntry]

        init(_ scene: Script.Scene) {
            index = scene.index
            chapter = scene.chapter
            lines = scene.lines.map(LineEntry.init)
        }

        var scene: Script.Scene { Script.Scene(index: index, chapter: chapter, lines: lines.map(\.scriptLine)) }
    }

    struct LineEntry: Codable {
        var id: Int?
        var speaker: String
        var kind: LineKind
        var text: String
        var start: Int
        var end: Int
        var line: Int
        var paragraph: Int?
        var confidence: Double?
        var rule: String?
        var delivery: String?
        var emphasis: [[Int]]?

        init(_ line: ScriptLine) {
            speaker = line.speaker
            kind = line.kind
            text = line.text
            start = line.start
            end = line.end
            self.line = line.sourceLine
            paragraph = line.paragraph
            confidence = line.confidence
            rule = line.rule
            delivery = line.delivery
            emphasis = line.emphasis.isEmpty ? nil : line.emphasis.map { [$0.lowerBound, $0.upperBound] }
        }

        var scriptLine: ScriptLine {
            ScriptLine(
                speaker: speaker, kind: kind, text: text, start: start, end: end, sourceLine: self.line,
                paragraph: paragraph ?? 1,
                emphasis: (emphasis ?? []).compactMap { $0.count == 2 && $0[0] <= $0[1] ? $0[0]..<$0[1] : nil },
                confidence: confidence, rule: rule, delivery: delivery)
        }
    }
}

import Foundation

/// Reads the text form back: the script a user corrected. Every problem is an
/// error naming the line (`book.script:12: error: …`), never a silent misreading.
public enum ScriptTextParser {
    /// Whether text is a script file (it starts with the signature line).
    public static func isScript(_ text: String) -> Bool {
        text.hasPrefix(ScriptTextFormatter.signature)
    }

    /// Reads a script file.
    public static func parse(contentsOf path: String) throws(ConfigError) -> Script {
        try parse(ConfigDocument.text(of: path, kind: "script file"), path: path)
    }

    /// Parses script text; `path` names it in messages.
    public static func parse(_ text: String, path: String) throws(ConfigError) -> Script {
        var source: String?
        var checksum: String?
        var metadata = BookMetadata()
        var characters: [Script.Character] = []
        var scenes: [Script.Scene] = []
        var paragraph = 0
        var previousBlank = true
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = rows.first, first.trimmingCharacters(in: .whitespaces) == ScriptTextFormatter.signature else {
            throw ConfigError(
                path: path, line: 1,
                message: "not an audiobook script: the first line must be '\(ScriptTextFormatter.signature)'")
        }
        for (offset, rawRow) in rows.enumerated().dropFirst() {
            let number = offset + 1
            var row = String(rawRow)
            if row.hasSuffix("\r") { row.removeLast() }
            func fail(_ message: String) -> ConfigError { ConfigError(path: path, line: number, message: message) }
            if row.trimmingCharacters(in: .whitespaces).isEmpty {
                previousBlank = true
                continue
            }
            if row.hasPrefix("#") {
                guard scenes.isEmpty else {
                    throw fail(
                        "a comment ('#' in the first column) can only stand before the first scene; indent a heading")
                }
                let comment = row.dropFirst().trimmingCharacters(in: .whitespaces)
                if comment.hasPrefix("source:") { source = comment.dropFirst(7).trimmingCharacters(in: .whitespaces) }
                if comment.hasPrefix("checksum:") {
                    checksum = comment.dropFirst(9).trimmingCharacters(in: .whitespaces)
                }
                func field(_ key: String) -> String? {
                    guard comment.hasPrefix(key + ":") else { return nil }
                    let value = comment.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
                    return value.isEmpty ? nil : value
                }
                metadata.title = field("title") ?? metadata.title
                metadata.author = field("author") ?? metadata.author
                metadata.language = field("language") ?? metadata.language
                metadata.cover = field("cover") ?? metadata.cover
                if comment.hasPrefix("speakers:") {
                    characters = try speakers(String(comment.dropFirst(9)), fail: fail)
                }
                continue
            }
            if row.hasPrefix("== Scene ") {
                guard row.hasSuffix("==") else { throw fail("a scene line must end with '=='") }
                let title = row.dropFirst(9).dropLast(2).trimmingCharacters(in: .whitespaces)
                let parts = title.components(separatedBy: " · ")
                guard let index = Int(parts[0]), index >= 1 else {
                    throw fail("a scene line needs its number: '== Scene N · Chapter =='")
                }
                let chapter = parts.count > 1 ? parts.dropFirst().joined(separator: " · ") : nil
                scenes.append(Script.Scene(index: index, chapter: chapter, lines: []))
                paragraph = 0
                previousBlank = true
                continue
            }
            guard !scenes.isEmpty else { throw fail("a line before the first scene ('== Scene 1 ==')") }
            if previousBlank { paragraph += 1 }
            previousBlank = false
            var line = try self.line(row, fail: fail)
            line.paragraph = paragraph
            line.sourceLine = number
            scenes[scenes.count - 1].lines.append(line)
        }
        guard let source else {
            throw ConfigError(
                path: path, line: 2, message: "the script does not name its manuscript ('# source: PATH')")
        }
        // Speakers used but not listed (a user's new name) join the cast with unknown gender.
        let counts = Script(source: source, characters: [], scenes: scenes).dialogueCounts
        characters = characters.filter { counts[$0.name] != nil }
        for index in characters.indices { characters[index].lines = counts[characters[index].name] ?? 0 }
        for name in counts.keys.sorted()
        where !characters.contains(where: { $0.name == name }) && name != ScriptLine.narrator
            && name != ScriptLine.unknown
        {
            characters.append(Script.Character(name: name, lines: counts[name] ?? 0))
        }
        return Script(source: source, characters: characters, scenes: scenes, checksum: checksum, metadata: metadata)
    }

    /// `Sasha (female, 8), Tessa (female, 2)`
    static func speakers(_ text: String, fail: (String) -> ConfigError) throws(ConfigError) -> [Script.Character] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed != "none", !trimmed.isEmpty else { return [] }
        var characters: [Script.Character] = []
        var rest = Substring(trimmed)
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") else {
                throw fail("a speaker in '# speakers:' must read 'Name (gender, lines)'")
            }
            let name = rest[..<open].trimmingCharacters(in: .whitespaces)
            let details = rest[rest.index(after: open)..<close].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard let genderText = details.first, let gender = Gender(rawValue: genderText) else {
                throw fail("the gender of \(name) in '# speakers:' must be female, male or unknown")
            }
            characters.append(Script.Character(name: name, gender: gender))
            rest = rest[rest.index(after: close)...].drop(while: { $0 == "," || $0 == " " })
        }
        return characters
    }

    /// One spoken line: `SPEAKER > "words"  ? rule 0.30  [12-34]`, indented narration, or `# heading`.
    static func line(_ row: String, fail: (String) -> ConfigError) throws(ConfigError) -> ScriptLine {
        var body = Substring(row)
        var start = 0
        var end = 0
        if body.hasSuffix("]"), let open = body.lastIndex(of: "[") {
            let range = body[body.index(after: open)..<body.index(before: body.endIndex)].split(separator: "-")
            if range.count == 2, let lower = Int(range[0]), let upper = Int(range[1]) {
                guard lower <= upper else { throw fail("the offsets [\(lower)-\(upper)] run backwards") }
                (start, end) = (lower, upper)
                body = body[..<open]
            }
        }
        body = Substring(body.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
        var rule: String?
        var confidence: Double?
        if let mark = body.range(of: "  ? ", options: .backwards),
            body[..<mark.lowerBound].hasSuffix("\"") || body[..<mark.lowerBound].hasSuffix("}")
        {
            let fields = body[mark.upperBound...].split(separator: " ")
            guard fields.count == 2, let value = Double(fields[1]) else {
                throw fail("a doubt mark must read '? RULE CONFIDENCE'")
            }
            (rule, confidence) = (String(fields[0]), value)
            body = body[..<mark.lowerBound]
        }
        var delivery: String?
        if body.hasSuffix("}"), body.range(of: " > \"") != nil, let open = body.range(of: "\" {", options: .backwards) {
            let name = String(body[open.upperBound..<body.index(before: body.endIndex)])
            guard DeliveryTable.isName(name) else {
                throw fail("a delivery mark must read {NAME} with a lowercase name, such as {whispered}")
            }
            delivery = name
            body = body[..<body.index(after: open.lowerBound)]
        }
        if let arrow = body.range(of: " > \""), !body[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces).isEmpty
        {
            let speaker = body[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
            guard body.hasSuffix("\""), body.index(before: body.endIndex) >= arrow.upperBound else {
                throw fail("the words of \(speaker)'s line must end with a closing '\"'")
            }
            let words = String(body[arrow.upperBound..<body.index(before: body.endIndex)])
            let spoken = EmphasisMarkup.strip(words)
            guard !spoken.text.isEmpty else { throw fail("\(speaker)'s line has no words") }
            return ScriptLine(
                speaker: speaker, kind: .dialogue, text: spoken.text, start: start, end: end, sourceLine: 0,
                emphasis: spoken.emphasis, confidence: confidence, rule: rule, delivery: delivery)
        }
        guard body.first == " " || body.first == "\t" else {
            throw fail("expected 'SPEAKER > \"words\"', an indented narration line or an indented '# heading'")
        }
        let content = body.trimmingCharacters(in: .whitespaces)
        let isHeading = content.hasPrefix("# ")
        let spoken = EmphasisMarkup.strip(isHeading ? String(content.dropFirst(2)) : content)
        guard !spoken.text.isEmpty else { throw fail("an empty heading") }
        return ScriptLine(
            speaker: ScriptLine.narrator, kind: isHeading ? .heading : .narration, text: spoken.text,
            start: start, end: end, sourceLine: 0, emphasis: spoken.emphasis)
    }
}

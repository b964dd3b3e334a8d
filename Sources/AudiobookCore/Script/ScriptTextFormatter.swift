import Foundation

/// The script's text form: pleasant to read, exact to parse, and the place where
/// a user corrects speakers. `ScriptTextParser` reads it back.
///
/// ```
/// # audiobook script 1
/// # source: manuscripts/book.txt
/// # checksum: fnv1a64:5f3c9a0d12e4b7c1
/// # speakers: Sasha (female, 8), Tessa (female, 2)
///
/// == Scene 2 · Chapter One ==
///
///              The charged energy of the Staples Center pulses through my veins…  [2419-2801]
///
///      Sasha > "What's up, LA?"  [3730-3744]
///              I shout into the microphone.  [3746-3776]
///
///   narrator > "I'll try,"  ? turn-taking 0.60  [1603-1612]
///      Tessa > "Someone is on the stairs." {whispered}  [1640-1665]
/// ```
///
/// One line per spoken line and a blank line between paragraphs. Dialogue is
/// `SPEAKER > "words"`; narration is indented to the text column; `# ` in the
/// text column starts a heading; `_word_` is emphasis. The `[start-end]` at the
/// end are byte offsets into the manuscript. A doubtful speaker is marked
/// `? RULE CONFIDENCE`. A delivery follows the words: `"Hush." {whispered}`. Lines starting with `#` in the first column are comments.
public struct ScriptTextFormatter: Sendable {
    /// Dialogue below this confidence is marked with `?`, its rule and its confidence.
    public var doubtThreshold = 0.65

    /// Creates a formatter.
    public init() {}

    /// The first line of every script file.
    public static let signature = "# audiobook script 1"

    /// The whole text form.
    public func format(_ script: Script) -> String {
        var output = "\(ScriptTextFormatter.signature)\n# source: \(script.source)\n"
        if let checksum = script.checksum { output += "# checksum: \(checksum)\n" }
        for (key, value) in ScriptTextFormatter.metadataFields(script.metadata) { output += "# \(key): \(value)\n" }
        let cast = script.characters.map { "\($0.name) (\($0.gender.rawValue), \($0.lines))" }.joined(separator: ", ")
        output += "# speakers: \(cast.isEmpty ? "none" : cast)\n"
        output += "# Edit speakers (or words) and render this file: audiobook render FILE.script\n"
        for scene in script.scenes {
            output += "\n== Scene \(scene.index)\(scene.chapter.map { " · \($0)" } ?? "") ==\n"
            let width = max(8, scene.lines.filter { $0.kind == .dialogue }.map(\.speaker.count).max() ?? 0)
            let blank = String(repeating: " ", count: width + 3)
            var paragraph: Int?
            for line in scene.lines {
                if line.paragraph != paragraph { output += "\n" }
                paragraph = line.paragraph
                let text = ScriptTextFormatter.marked(line)
                var row: String
                switch line.kind {
                case .heading: row = "\(blank)# \(text)"
                case .narration: row = "\(blank)\(text)"
                case .dialogue:
                    row = String(repeating: " ", count: width - line.speaker.count) + "\(line.speaker) > \"\(text)\""
                    if let delivery = line.delivery { row += " {\(delivery)}" }
                    if let confidence = line.confidence, confidence < doubtThreshold {
                        row += "  ? \(line.rule ?? "unknown") \(String(format: "%.2f", confidence))"
                    }
                }
                output += row + "  [\(line.start)-\(line.end)]\n"
            }
        }
        return output
    }

    /// The book's metadata as `# key: value` header lines, in this order.
    static func metadataFields(_ metadata: BookMetadata) -> [(String, String)] {
        [
            ("title", metadata.title), ("author", metadata.author), ("language", metadata.language),
            ("cover", metadata.cover),
        ]
        .compactMap { key, value in value.map { (key, $0.replacingOccurrences(of: "\n", with: " ")) } }
    }

    /// The line's words with its emphasis written back as `_…_`.
    static func marked(_ line: ScriptLine) -> String {
        guard !line.emphasis.isEmpty else { return line.text }
        let scalars = Array(line.text.unicodeScalars)
        var text = String.UnicodeScalarView()
        var position = 0
        for span in line.emphasis.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let lower = min(max(span.lowerBound, position), scalars.count)
            let upper = min(max(span.upperBound, lower), scalars.count)
            text.append(contentsOf: scalars[position..<lower])
            text.append("_")
            text.append(contentsOf: scalars[lower..<upper])
            text.append("_")
            position = upper
        }
        text.append(contentsOf: scalars[position...])
        return String(text)
    }
}

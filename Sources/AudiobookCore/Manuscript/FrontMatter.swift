import Yams

/// Markdown front matter, as pandoc and most writing tools write it: a YAML block between
/// `---` lines at the very top of the file. It is the book's metadata and is never spoken.
///
/// ```
/// ---
/// title: The Lighthouse
/// author: [A. Writer, B. Writer]
/// lang: en-GB
/// cover: cover.jpg
/// ---
/// ```
public struct FrontMatter: Sendable, Equatable {
    /// The metadata it gives.
    public var metadata: BookMetadata
    /// Indices into `Manuscript.lines` that the block takes, fences included.
    public var lineIndices: Range<Int>

    /// The keys read (others, such as `date` or `tags`, are allowed and ignored).
    static let titleKeys = ["title"], authorKeys = ["author", "authors", "creator"]
    static let languageKeys = ["lang", "language"], coverKeys = ["cover", "cover-image", "cover_image"]

    /// The front matter of a manuscript, if it starts with one. A block that looks like YAML but
    /// does not parse is no front matter: `warning` says why, and the lines are read as text.
    public static func read(_ manuscript: Manuscript) -> (frontMatter: FrontMatter?, warning: Diagnostic?) {
        let lines = manuscript.lines
        guard let first = lines.first,
            manuscript.text(first.start..<first.end).trimmingCharacters(in: .whitespaces) == "---"
        else {
            return (nil, nil)
        }
        var end = 1
        while end < lines.count, end <= 200 {
            let text = manuscript.text(lines[end].start..<lines[end].end)
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed == "---" || trimmed == "..." { break }
            // Every line of YAML metadata is a key, a list item, a continuation, a comment or blank.
            let isKey = text.first.map { $0.isLetter || $0 == "_" } == true && text.contains(":")
            let isOther =
                trimmed.isEmpty || text.first == " " || text.first == "\t" || trimmed.hasPrefix("- ")
                || trimmed.hasPrefix("#")
            guard isKey || isOther else { return (nil, nil) }
            end += 1
        }
        guard end < lines.count, end <= 200, end > 1 else { return (nil, nil) }
        let yaml = (1..<end).map { manuscript.text(lines[$0].start..<lines[$0].end) }.joined(separator: "\n")
        let root: Any?
        do {
            root = try Yams.load(yaml: yaml)
        } catch {
            let warning = Diagnostic(
                path: manuscript.path, line: lines[0].number, severity: .warning,
                message: "the front matter is not valid YAML (\(error)); it is read as text")
            return (nil, warning)
        }
        guard let mapping = root as? [String: Any] else { return (nil, nil) }
        func value(_ keys: [String]) -> String? {
            for key in keys {
                let found = mapping.first { $0.key.lowercased() == key }?.value
                if let text = found as? String, !text.trimmingCharacters(in: .whitespaces).isEmpty {
                    return text.trimmingCharacters(in: .whitespaces)
                }
                if let list = found as? [Any] {
                    let names = list.compactMap { ($0 as? String) ?? (($0 as? [String: Any])?["name"] as? String) }
                    if !names.isEmpty { return names.joined(separator: ", ") }
                }
                if let entry = found as? [String: Any], let name = entry["name"] as? String { return name }
            }
            return nil
        }
        let metadata = BookMetadata(
            title: value(titleKeys), author: value(authorKeys), language: value(languageKeys), cover: value(coverKeys))
        return (FrontMatter(metadata: metadata, lineIndices: 0..<(end + 1)), nil)
    }
}

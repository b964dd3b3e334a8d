import Foundation

/// Finds paragraphs, chapter headings and scene boundaries in a manuscript.
///
/// A new chapter starts a new scene; so do scene-break lines (`* * *`, `#`, `~`)
/// and runs of `sceneBreakBlankLines` or more blank lines inside a chapter.
public struct StructureParser: Sendable {
    /// How many blank lines in a row end a scene.
    public var sceneBreakBlankLines = 3
    /// Lines under a heading with no blank line between that still count as its title.
    public var maximumSubtitleLines = 3

    /// Creates a parser with the default rules.
    public init() {}

    /// Splits the manuscript into scenes of blocks, from line `firstLine` on (past any front matter).
    public func scenes(of manuscript: Manuscript, from firstLine: Int = 0) -> [SceneLayout] {
        var builder = SceneBuilder(manuscript: manuscript)
        var blankRun = 0
        var index = firstLine
        let lines = manuscript.lines
        while index < lines.count {
            if isBlank(lines[index], in: manuscript) {
                blankRun += 1
                index += 1
                continue
            }
            var end = index
            while end < lines.count, !isBlank(lines[end], in: manuscript) { end += 1 }
            for block in blocks(in: index..<end, of: manuscript) {
                builder.add(block, blankLinesBefore: blankRun, breakThreshold: sceneBreakBlankLines)
                blankRun = 0
            }
            index = end
        }
        return builder.finish()
    }

    /// Cuts a run of non-blank lines into heading, scene-break and paragraph blocks.
    func blocks(in run: Range<Int>, of manuscript: Manuscript) -> [TextBlock] {
        let lines = manuscript.lines
        let first = trimmed(lines[run.lowerBound], in: manuscript)
        let firstText = manuscript.text(first.start..<first.end)[...]
        if run.count == 1, HeadingRecognizer.isSceneBreak(firstText) {
            return [TextBlock(kind: .sceneBreak, lineIndices: run, start: first.start, end: first.end)]
        }
        if HeadingRecognizer.isHeading(firstText) {
            var result = [headingBlock(run.lowerBound, in: manuscript)]
            let rest = (run.lowerBound + 1)..<run.upperBound
            if rest.isEmpty { return result }
            if rest.count <= maximumSubtitleLines, rest.allSatisfy({ lineLength(lines[$0], in: manuscript) <= 80 }) {
                result += rest.map { headingBlock($0, in: manuscript) }
            } else {
                result += blocks(in: rest, of: manuscript)
            }
            return result
        }
        // One paragraph per line when lines are long: the text was not hard-wrapped.
        let isUnwrapped = run.count > 1 && run.dropLast().contains { lineLength(lines[$0], in: manuscript) > 120 }
        if isUnwrapped {
            return run.map { paragraphBlock($0..<($0 + 1), in: manuscript) }
        }
        return [paragraphBlock(run, in: manuscript)]
    }

    func headingBlock(_ index: Int, in manuscript: Manuscript) -> TextBlock {
        var span = trimmed(manuscript.lines[index], in: manuscript)
        if HeadingRecognizer.markdownLevel(manuscript.text(span.start..<span.end)[...]) != nil {
            while span.start < span.end, manuscript.bytes[span.start] == UInt8(ascii: "#") { span.start += 1 }
            while span.start < span.end, Manuscript.isWhitespaceByte(manuscript.bytes[span.start]) { span.start += 1 }
            while span.end > span.start, manuscript.bytes[span.end - 1] == UInt8(ascii: "#") { span.end -= 1 }
            while span.end > span.start, Manuscript.isWhitespaceByte(manuscript.bytes[span.end - 1]) { span.end -= 1 }
        }
        return TextBlock(kind: .heading, lineIndices: index..<(index + 1), start: span.start, end: span.end)
    }

    func paragraphBlock(_ range: Range<Int>, in manuscript: Manuscript) -> TextBlock {
        let first = trimmed(manuscript.lines[range.lowerBound], in: manuscript)
        let last = trimmed(manuscript.lines[range.upperBound - 1], in: manuscript)
        return TextBlock(kind: .paragraph, lineIndices: range, start: first.start, end: last.end)
    }

    func isBlank(_ line: SourceLine, in manuscript: Manuscript) -> Bool {
        let span = trimmed(line, in: manuscript)
        return span.start >= span.end
    }

    func lineLength(_ line: SourceLine, in manuscript: Manuscript) -> Int { line.end - line.start }

    /// The line without leading and trailing white space (ASCII, and no-break space).
    func trimmed(_ line: SourceLine, in manuscript: Manuscript) -> (start: Int, end: Int) {
        let bytes = manuscript.bytes
        var start = line.start
        var end = line.end
        while start < end {
            if Manuscript.isWhitespaceByte(bytes[start]) {
                start += 1
            } else if start + 1 < end, bytes[start] == 0xC2, bytes[start + 1] == 0xA0 {
                start += 2
            } else {
                break
            }
        }
        while end > start {
            if Manuscript.isWhitespaceByte(bytes[end - 1]) {
                end -= 1
            } else if end - 2 >= start, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 {
                end -= 2
            } else {
                break
            }
        }
        return (start, end)
    }
}

/// Accumulates blocks into scenes.
struct SceneBuilder {
    let manuscript: Manuscript
    var scenes: [SceneLayout] = []
    var current = SceneLayout(chapter: nil, blocks: [])
    var currentHasProse = false
    var pendingHeadingRun = false
    /// The last line of a heading run when it was a subtitle line (not the `Chapter N` line itself).
    var lastSubtitle: String?

    init(manuscript: Manuscript) { self.manuscript = manuscript }

    mutating func add(_ block: TextBlock, blankLinesBefore: Int, breakThreshold: Int) {
        switch block.kind {
        case .sceneBreak:
            closeScene()
            pendingHeadingRun = false
        case .heading:
            let title = HeadingText.clean(manuscript.text(block.start..<block.end))
            if pendingHeadingRun, let chapter = current.chapter, !currentHasProse {
                // A subtitle or a chapter heading right under a part heading: one title.
                let isSubtitle = !HeadingRecognizer.isHeading(title[...])
                if isSubtitle, let previous = lastSubtitle, HeadingText.wraps(previous, into: title) {
                    current.chapter = "\(chapter) \(title)"
                } else {
                    current.chapter = isSubtitle ? HeadingText.join(chapter, title) : title
                }
                lastSubtitle = isSubtitle ? title : nil
            } else {
                closeScene()
                current.chapter = title
                lastSubtitle = nil
            }
            current.blocks.append(block)
            pendingHeadingRun = true
        case .paragraph:
            if blankLinesBefore >= breakThreshold, currentHasProse { closeScene() }
            current.blocks.append(block)
            currentHasProse = true
            pendingHeadingRun = false
        }
    }

    mutating func closeScene() {
        guard currentHasProse else { return }
        scenes.append(current)
        current = SceneLayout(chapter: current.chapter, blocks: [])
        currentHasProse = false
    }

    mutating func finish() -> [SceneLayout] {
        if currentHasProse || !current.blocks.isEmpty { scenes.append(current) }
        return scenes
    }
}

/// Heading text as shown in scripts and cue sheets.
enum HeadingText {
    static func clean(_ text: String) -> String {
        EmphasisMarkup.strip(text).text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Words a hard-wrapped title line may end with when the phrase goes on below.
    static let continuingWords: Set<String> = [
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "from", "with", "by", "as", "his", "her",
        "their", "its", "my", "our", "your", "which", "who", "that", "where", "when", "into", "upon", "but", "nor",
    ]

    /// Whether `next` continues the phrase of the subtitle line `line`, wrapped in the middle
    /// (`…WAS BORN AND OF THE` / `CIRCUMSTANCES ATTENDING HIS BIRTH`), rather than a title of its own.
    static func wraps(_ line: String, into next: String) -> Bool {
        guard let last = line.last, !".:;!?—)]".contains(last) else { return false }
        if next.first?.isLowercase == true { return true }
        let lastWord =
            line.split(separator: " ").last.map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) } ?? ""
        return continuingWords.contains(lastWord) || last == "," || last == "-" || line.count >= 50
    }

    static func join(_ title: String, _ subtitle: String) -> String {
        guard let last = title.last else { return subtitle }
        return ".:;!?".contains(last) ? "\(title) \(subtitle)" : "\(title): \(subtitle)"
    }
}

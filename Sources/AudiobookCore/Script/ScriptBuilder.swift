/// Makes the attributed script of a manuscript: structure, quotations, characters, speakers.
public struct ScriptBuilder: Sendable {
    /// How chapters and scenes are found.
    public var structure = StructureParser()
    /// How speakers are decided.
    public var attributor = SpeakerAttributor()
    /// How lines are delivered, from the words of their tags.
    public var deliveries = DeliveryTable.builtIn

    /// Creates a builder with the default rules.
    public init() {}

    /// The script of a manuscript, with speakers chosen among the cast's characters when a cast is given.
    public func script(for manuscript: Manuscript, cast: CastFile? = nil) -> Script {
        build(manuscript, cast: cast).script
    }

    /// The script, and what the exchange decoder saw of each exchange of the manuscript (to fit its
    /// weights from), from one attribution.
    public func scriptKeepingDecoderExamples(
        for manuscript: Manuscript, cast: CastFile? = nil
    ) -> (script: Script, decoderExamples: [DecoderExample]) {
        var builder = self
        builder.attributor.keepsDecoderExamples = true
        return builder.build(manuscript, cast: cast)
    }

    func build(_ manuscript: Manuscript, cast: CastFile?) -> (script: Script, decoderExamples: [DecoderExample]) {
        let (frontMatter, frontMatterWarning) = FrontMatter.read(manuscript)
        var layouts = structure.scenes(of: manuscript, from: frontMatter?.lineIndices.upperBound ?? 0)
        let titlePage = TitlePage.metadata(of: layouts, in: manuscript)
        let metadata = (manuscript.metadata ?? BookMetadata()).filled(from: frontMatter?.metadata).filled(
            from: titlePage)
        if titlePage != nil { layouts[0].chapter = metadata.title ?? "Title page" }
        let scanner = QuoteScanner(style: QuoteStyle.detect(in: manuscript, language: metadata.language))
        var warnings: [Diagnostic] = frontMatterWarning.map { [$0] } ?? []
        // Per scene, the block number of each of its paragraphs, to put its lines back among the headings.
        let paragraphBlocks = layouts.map { layout in
            layout.blocks.indices.filter { layout.blocks[$0].kind == .paragraph }
        }
        let scenes: [[AnalyzedPassage]] = layouts.enumerated().map { sceneIndex, layout in
            let paragraphs = paragraphBlocks[sceneIndex].map { layout.blocks[$0] }
            return scanner.passages(paragraphs, in: manuscript).map { passage in
                if let offset = passage.unclosedQuotationAt {
                    warnings.append(
                        Diagnostic(
                            path: manuscript.path, line: manuscript.lineNumber(at: offset), severity: .warning,
                            message: "quotation mark is never closed; the quotation ends with its paragraph"))
                }
                return AnalyzedPassage(passage, in: manuscript)
            }
        }
        let book = BookPassages(scenes: scenes)
        let result = attributor.attribute(book, cast: cast)
        var lineCounts: [CharacterID: Int] = [:]
        var scriptScenes: [Script.Scene] = []
        for (sceneIndex, layout) in layouts.enumerated() {
            var lines: [ScriptLine] = []
            let paragraphOfBlock = Dictionary(
                uniqueKeysWithValues: zip(paragraphBlocks[sceneIndex], book.sceneRanges[sceneIndex]))
            for (blockNumber, block) in layout.blocks.enumerated() {
                if block.kind == .heading {
                    let spoken = EmphasisMarkup.strip(manuscript.text(block.start..<block.end))
                    lines.append(
                        ScriptLine(
                            speaker: ScriptLine.narrator, kind: .heading, text: spoken.text, start: block.start,
                            end: block.end, sourceLine: manuscript.lineNumber(at: block.start),
                            paragraph: blockNumber + 1))
                    continue
                }
                guard block.kind == .paragraph, let paragraph = paragraphOfBlock[blockNumber] else { continue }
                let passage = book[paragraph]
                for (s, segment) in passage.segments.enumerated() {
                    var line = ScriptLine(
                        speaker: ScriptLine.narrator, kind: segment.isQuote ? .dialogue : .narration,
                        text: passage.texts[s].text, start: segment.start, end: segment.end,
                        sourceLine: manuscript.lineNumber(at: segment.start), paragraph: blockNumber + 1,
                        emphasis: passage.texts[s].emphasis)
                    if segment.isQuote {
                        let attribution = result.attribution(for: QuoteID(paragraph: paragraph, segment: s))
                        line.speaker = attribution.speaker.map { result.table[$0].name } ?? ScriptLine.unknown
                        line.rule = attribution.rule.rawValue
                        line.confidence = (attribution.confidence * 100).rounded() / 100
                        if let id = attribution.speaker { lineCounts[id, default: 0] += 1 }
                    }
                    lines.append(line)
                }
            }
            deliveries.direct(&lines)
            scriptScenes.append(Script.Scene(index: sceneIndex + 1, chapter: layout.chapter, lines: lines))
        }
        let characters = result.table.characters
            .filter { lineCounts[$0.id, default: 0] > 0 && !($0.isNarrator && $0.name == ScriptLine.narrator) }
            .sorted { (lineCounts[$0.id]!, $1.name) > (lineCounts[$1.id]!, $0.name) }
            .map {
                Script.Character(
                    name: $0.name, aliases: $0.aliases, gender: $0.gender, lines: lineCounts[$0.id]!, voice: $0.voice)
            }
        let script = Script(
            source: manuscript.path, characters: characters, scenes: scriptScenes, warnings: warnings,
            checksum: manuscript.checksum, metadata: metadata)
        return (script, result.decoderExamples)
    }
}

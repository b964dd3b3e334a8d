import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Turns an XHTML document into the plain text `audiobook` reads: a paragraph per
/// block, `# ` headings, `* * *` for a rule, `_…_` for emphasis; scripts, styles,
/// images, page-number markers and footnote references are dropped.
final class XHTMLText: NSObject, XMLParserDelegate {
    private(set) var blocks: [String] = []
    private(set) var headingCount = 0
    /// The document is front matter to skip: a title page, a cover or a table of contents.
    private(set) var isFrontMatterPage = false
    private var current = ""
    private var headingLevel: Int?
    private var skipDepth = 0
    private var inBody = false
    private var error: (line: Int, reason: String)?

    static let blockElements: Set<String> = [
        "p", "div", "li", "blockquote", "dd", "dt", "td", "th", "pre", "figcaption", "section", "article", "body",
        "header", "footer", "tr", "ul", "ol", "dl", "table",
    ]
    static let skippedElements: Set<String> = [
        "script", "style", "img", "svg", "head", "audio", "video", "object", "math", "nav", "aside",
    ]
    static let emphasisElements: Set<String> = ["em", "i", "cite"]

    /// Reads an XHTML document; throws with the parser's line on malformed XML.
    static func blocks(of data: Data) throws -> XHTMLText {
        let text = XHTMLText()
        let parser = XMLParser(data: entitiesReplaced(data))
        parser.delegate = text
        parser.shouldResolveExternalEntities = false
        if !parser.parse() || text.error != nil {
            let line = text.error?.line ?? parser.lineNumber
            let reason =
                text.error?.reason ?? parser.parserError.map { "\($0.localizedDescription)" } ?? "malformed XML"
            throw XHTMLError(line: line, reason: reason)
        }
        text.endBlock()
        return text
    }

    struct XHTMLError: Error {
        var line: Int
        var reason: String
    }

    /// HTML's named entities are not XML's: the common ones become their characters.
    static func entitiesReplaced(_ data: Data) -> Data {
        guard var text = String(data: data, encoding: .utf8) else { return data }
        let entities = [
            "&nbsp;": "\u{00A0}", "&mdash;": "\u{2014}", "&ndash;": "\u{2013}", "&hellip;": "\u{2026}",
            "&lsquo;": "\u{2018}", "&rsquo;": "\u{2019}", "&ldquo;": "\u{201C}", "&rdquo;": "\u{201D}",
            "&copy;": "\u{00A9}", "&eacute;": "é", "&egrave;": "è", "&agrave;": "à", "&ccedil;": "ç", "&uuml;": "ü",
        ]
        for (entity, character) in entities where text.contains(entity) {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return Data(text.utf8)
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let element = name.lowercased()
        let type = (attributes["epub:type"] ?? attributes["type"] ?? "").lowercased()
        let classes = (attributes["class"] ?? "").lowercased()
        if element == "body" { inBody = true }
        if ["body", "section", "div"].contains(element),
            ["titlepage", "cover", "toc", "copyright-page"].contains(where: {
                type.contains($0) || classes.split(separator: " ").contains(Substring($0))
            })
        {
            isFrontMatterPage = true
        }
        if skipDepth > 0 || XHTMLText.skippedElements.contains(element)
            || isNoise(element, type: type, classes: classes, attributes: attributes)
        {
            skipDepth += 1
            return
        }
        guard inBody else { return }
        if element == "br" {
            current += " "
            return
        }
        if element == "hr" {
            endBlock()
            blocks.append("* * *")
            return
        }
        if let level = XHTMLText.headingLevel(element) {
            endBlock()
            headingLevel = level
            return
        }
        if XHTMLText.blockElements.contains(element) { endBlock() }
        if XHTMLText.emphasisElements.contains(element) { current += "_" }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let element = name.lowercased()
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        guard inBody else { return }
        if XHTMLText.headingLevel(element) != nil || XHTMLText.blockElements.contains(element) { endBlock() }
        if XHTMLText.emphasisElements.contains(element) { current += "_" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard skipDepth == 0, inBody else { return }
        current += string
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if error == nil { error = (parser.lineNumber, parseError.localizedDescription) }
    }

    /// Page numbers, footnote references and footnotes are not read aloud.
    private func isNoise(_ element: String, type: String, classes: String, attributes: [String: String]) -> Bool {
        if type.contains("pagebreak") || type.contains("noteref") || type.contains("footnote")
            || type.contains("endnote") || type.contains("rearnote")
        {
            return true
        }
        if classes.contains("pagenum") || classes.contains("page-number") || classes.contains("pagebreak")
            || classes.contains("footnote-ref") || classes.contains("noteref")
        {
            return true
        }
        if element == "sup", attributes["id"]?.hasPrefix("fnref") == true || classes.contains("footnote") {
            return true
        }
        if element == "a", classes.contains("footnote") { return true }
        return false
    }

    static func headingLevel(_ element: String) -> Int? {
        guard element.count == 2, element.first == "h", let level = Int(element.dropFirst()), (1...6).contains(level)
        else { return nil }
        return level
    }

    /// Closes the block being read: white space folded, emphasis markers tidied.
    func endBlock() {
        var text = current.split(whereSeparator: { $0.isWhitespace && $0 != "\u{00A0}" }).joined(separator: " ")
        text = text.replacingOccurrences(of: "__", with: "")
        current = ""
        defer { headingLevel = nil }
        guard text.contains(where: { $0.isLetter || $0.isNumber }) else { return }
        if headingLevel != nil {
            headingCount += 1
            blocks.append("# " + text.replacingOccurrences(of: "_", with: ""))
        } else {
            blocks.append(text)
        }
    }
}

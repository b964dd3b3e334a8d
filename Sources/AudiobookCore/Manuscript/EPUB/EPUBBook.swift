import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An EPUB read as a manuscript: the spine's documents in order, as plain text
/// (`audiobook text BOOK.epub` prints it, and script offsets refer to it), with
/// chapter titles from the navigation document or NCX.
public struct EPUBBook: Sendable {
    /// The book's title, from its metadata.
    public var title: String?
    /// The book's author, from its metadata.
    public var author: String?
    /// The book's language (`dc:language`).
    public var language: String?
    /// The cover image, when the package names one: its bytes and media type.
    public var cover: (data: Data, mediaType: String)?

    /// Title, author, language and the cover's place inside the package.
    public var metadata: BookMetadata {
        BookMetadata(title: title, author: author, language: language, cover: coverPath)
    }
    private var coverPath: String?
    /// The plain-text rendering.
    public var text: String
    /// Where the package document is in the archive, and the EPUB version it declares (`3.0`).
    public var packagePath: String
    public var version: String?

    /// A content document whose text is part of the book's text.
    public struct ContentDocument: Sendable, Equatable {
        /// Its path in the archive.
        public var path: String
        /// Its manifest item's id.
        public var id: String
    }

    /// The content documents the text comes from, in spine order.
    public var contentDocuments: [ContentDocument] = []

    /// Reads an EPUB file.
    public init(contentsOf path: String) throws(EPUBError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .notFound(path: path)
        }
        if isDirectory.boolValue { throw .isDirectory(path: path) }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .notZip(path: path)
        }
        func read(_ name: String) -> Data? {
            guard let entry = archive[name] else { return nil }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: true) { data.append($0) }
            } catch {
                return nil
            }
            return data
        }
        func parse<Delegate: XMLParserDelegate>(_ data: Data, file: String, with delegate: Delegate) throws(EPUBError) {
            let parser = XMLParser(data: data)
            parser.delegate = delegate
            if !parser.parse() {
                throw .invalidXML(
                    path: path, file: file, line: parser.lineNumber,
                    reason: parser.parserError?.localizedDescription ?? "malformed XML")
            }
        }
        guard let containerData = read("META-INF/container.xml") else { throw .missingContainer(path: path) }
        let container = ContainerReader()
        try parse(containerData, file: "META-INF/container.xml", with: container)
        guard let packagePath = container.rootfile, let packageData = read(packagePath) else {
            throw .missingPackage(path: path, package: container.rootfile ?? "(none named in META-INF/container.xml)")
        }
        let package = PackageReader()
        try parse(packageData, file: packagePath, with: package)
        self.packagePath = packagePath
        version = package.version
        title = package.title
        author = package.creator
        language = package.language
        let base = (packagePath as NSString).deletingLastPathComponent
        func resolve(_ href: String) -> String {
            let file = href.split(separator: "#", maxSplits: 1).first.map(String.init) ?? href
            let decoded = file.removingPercentEncoding ?? file
            return EPUBBook.normalize(base.isEmpty ? decoded : "\(base)/\(decoded)")
        }
        // The cover: EPUB 3's `cover-image` item, else EPUB 2's `<meta name="cover">`.
        let coverItem =
            package.items.values.first { $0.properties.split(separator: " ").contains("cover-image") }
            ?? package.coverID.flatMap { package.items[$0] }
        if let coverItem, coverItem.mediaType.hasPrefix("image/"), let data = read(resolve(coverItem.href)) {
            cover = (data, coverItem.mediaType)
            coverPath = resolve(coverItem.href)
        }
        // Chapter titles: the navigation document, else the NCX.
        var titles: [String: String] = [:]
        if let nav = package.items.values.first(where: { $0.properties.contains("nav") }),
            let data = read(resolve(nav.href))
        {
            let reader = NavigationReader()
            try parse(XHTMLText.entitiesReplaced(data), file: resolve(nav.href), with: reader)
            let navBase = (resolve(nav.href) as NSString).deletingLastPathComponent
            for (href, label) in reader.entries
            where titles[EPUBBook.normalize(navBase.isEmpty ? href : "\(navBase)/\(href)")] == nil {
                let file = href.split(separator: "#").first.map(String.init) ?? href
                titles[EPUBBook.normalize(navBase.isEmpty ? file : "\(navBase)/\(file)")] = label
            }
        } else if let ncx = package.items.values.first(where: { $0.mediaType == "application/x-dtbncx+xml" }),
            let data = read(resolve(ncx.href))
        {
            let reader = NCXReader()
            try parse(data, file: resolve(ncx.href), with: reader)
            for (href, label) in reader.entries where titles[resolve(href)] == nil { titles[resolve(href)] = label }
        }
        var parts: [String] = []
        for itemref in package.spine where itemref.linear {
            guard let item = package.items[itemref.idref] else {
                throw .missingSpineItem(path: path, item: itemref.idref)
            }
            let file = resolve(item.href)
            guard let data = read(file) else { throw .missingSpineItem(path: path, item: item.href) }
            if item.properties.contains("nav") || item.properties.contains("cover-image") || item.id == package.coverID
            {
                continue
            }
            guard item.mediaType.contains("html") else { continue }
            let document: XHTMLText
            do {
                document = try XHTMLText.blocks(of: data)
            } catch let error as XHTMLText.XHTMLError {
                throw .invalidXML(path: path, file: file, line: error.line, reason: error.reason)
            } catch {
                throw .invalidXML(path: path, file: file, line: 1, reason: "\(error)")
            }
            if document.isFrontMatterPage { continue }
            var blocks = document.blocks
            guard !blocks.isEmpty else { continue }
            if document.headingCount == 0, let title = titles[file] {
                blocks.insert("# " + title, at: 0)
            } else if document.headingCount == 0, !parts.isEmpty {
                blocks.insert("* * *", at: 0)
            }
            parts.append(blocks.joined(separator: "\n\n"))
            contentDocuments.append(ContentDocument(path: file, id: item.id))
        }
        guard !parts.isEmpty else { throw .noText(path: path) }
        text = parts.joined(separator: "\n\n") + "\n"
    }

    /// `a/b/../c.xhtml` is `a/c.xhtml`.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", !parts.isEmpty {
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }
}

/// `META-INF/container.xml`: where the package file is.
final class ContainerReader: NSObject, XMLParserDelegate {
    var rootfile: String?
    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name.hasSuffix("rootfile"), rootfile == nil { rootfile = attributes["full-path"] }
    }
}

/// The package (OPF): metadata, manifest and spine.
final class PackageReader: NSObject, XMLParserDelegate {
    struct Item {
        var id: String
        var href: String
        var mediaType: String
        var properties: String
    }
    struct ItemRef {
        var idref: String
        var linear: Bool
    }
    var items: [String: Item] = [:]
    var spine: [ItemRef] = []
    var title: String?
    var creator: String?
    var language: String?
    var coverID: String?
    var version: String?
    private var text = ""
    private var collecting: String?

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let local = name.split(separator: ":").last.map(String.init) ?? name
        switch local {
        case "package": version = attributes["version"]
        case "item":
            let id = attributes["id"] ?? ""
            items[id] = Item(
                id: id, href: attributes["href"] ?? "", mediaType: attributes["media-type"] ?? "",
                properties: attributes["properties"] ?? "")
        case "itemref":
            spine.append(ItemRef(idref: attributes["idref"] ?? "", linear: attributes["linear"] != "no"))
        case "meta" where attributes["name"] == "cover":
            coverID = attributes["content"]
        case "title", "creator", "language":
            collecting = local
            text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting != nil { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let local = name.split(separator: ":").last.map(String.init) ?? name
        guard local == collecting else { return }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if local == "title", title == nil, !value.isEmpty { title = value }
        if local == "creator", creator == nil, !value.isEmpty { creator = value }
        if local == "language", language == nil, BookMetadata.isLanguageTag(value) { language = value }
        collecting = nil
    }
}

/// The EPUB 3 navigation document's table of contents: links and their labels.
final class NavigationReader: NSObject, XMLParserDelegate {
    var entries: [(String, String)] = []
    private var navDepth = 0
    private var inTOC = false
    private var href: String?
    private var label = ""

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "nav" {
            navDepth += 1
            if (attributes["epub:type"] ?? "").contains("toc") { inTOC = true }
        }
        if inTOC, name == "a" {
            href = attributes["href"]
            label = ""
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if href != nil { label += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "a", let href {
            entries.append((href, label.split(whereSeparator: \.isWhitespace).joined(separator: " ")))
            self.href = nil
        }
        if name == "nav" {
            navDepth -= 1
            inTOC = false
        }
    }
}

/// The EPUB 2 NCX: navPoints with their labels and targets.
final class NCXReader: NSObject, XMLParserDelegate {
    var entries: [(String, String)] = []
    private var inLabel = false
    private var label = ""

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "navLabel" {
            inLabel = true
            label = ""
        }
        if name == "content", let source = attributes["src"] {
            entries.append((source, label.split(whereSeparator: \.isWhitespace).joined(separator: " ")))
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inLabel { label += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "navLabel" { inLabel = false }
    }
}

import Foundation

/// The publisher's own XHTML of an EPUB manuscript with every spoken line marked where it
/// stands: each cue's words are found, in order, in the documents' text, and wrapped in a
/// `<span>` with the line's id (and the speaker's class), so the text, images, styling and
/// front matter stay the publisher's. Nothing else of a document changes but a link to the
/// read-along stylesheet.
///
/// Words are matched by their letters and digits alone (punctuation, quotation marks, entities
/// and line breaks aside), one cue after another. A span never crosses an element boundary it
/// cannot: one that starts or ends inside inline markup (`<em>`) grows to enclose that element,
/// and one that would have to enclose a block (a paragraph) means the book cannot be marked.
/// When any line cannot be placed, `mark` says which, and the read-along book sets its text anew.
struct PublisherMarkup {
    /// An XHTML document as bytes, with the places its text and elements occupy.
    struct Document {
        var path: String
        var bytes: [UInt8]
        /// Each letter or digit of the text (lower-cased), with its byte range and its text node's parent element.
        var letters: [(scalar: Unicode.Scalar, start: Int, end: Int, parent: Int)] = []
        /// Elements: name, parent, and the byte ranges of the whole element.
        var elements: [(name: String, parent: Int, start: Int, end: Int)] = []
        var ids: Set<String> = []
        /// Where `</head>` begins.
        var headEnd: Int?
    }

    /// A line to place: its element id, class and words.
    struct Line {
        var id: String
        var classes: String
        var text: String
        /// Dialogue: its span takes in the quotation marks around it.
        var isQuotation = false
    }

    /// Quotation marks as they may be written: the character itself, or a numeric or named entity.
    static func spellings(_ marks: [(String, String?)]) -> [[UInt8]] {
        marks.flatMap { mark, name -> [[UInt8]] in
            var forms = [mark]
            if let scalar = mark.unicodeScalars.first, mark.unicodeScalars.count == 1 {
                forms += [
                    "&#\(scalar.value);", "&#x\(String(scalar.value, radix: 16, uppercase: true));",
                    "&#x\(String(scalar.value, radix: 16));",
                ]
            }
            if let name { forms.append("&\(name);") }
            return forms.map { Array($0.utf8) }
        }
    }

    static let openingMarks = spellings([
        ("“", "ldquo"), ("‘", "lsquo"), ("\"", "quot"), ("'", "apos"), ("«\u{A0}", nil), ("«\u{202F}", nil),
        ("« ", nil), ("«", "laquo"), ("„", "bdquo"), ("‚", "sbquo"), ("»", "raquo"), ("‹", "lsaquo"),
    ])
    static let closingMarks = spellings([
        ("”", "rdquo"), ("’", "rsquo"), ("\"", "quot"), ("'", "apos"), ("\u{A0}»", nil), ("\u{202F}»", nil),
        (" »", nil), ("»", "raquo"), ("“", "ldquo"), ("‘", "lsquo"), ("«", "laquo"), ("›", "rsaquo"),
    ])

    /// Where a line's span goes.
    struct Placement {
        var document: Int
        var start: Int
        var end: Int
        var line: Line
    }

    struct Failure: Error, Equatable {
        var reason: String
    }

    static let blockElements: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "tr", "td", "th", "section",
        "article", "blockquote", "pre", "figure", "figcaption", "header", "footer", "aside", "nav", "dl", "dt", "dd",
        "hr", "body", "html", "head",
    ]

    // MARK: Reading

    /// Reads an XHTML document's structure: elements, ids and the letters of its text (outside
    /// `<head>`, `<script>` and `<style>`), with their byte positions.
    static func read(_ data: Data, path: String) throws(Failure) -> Document {
        var document = Document(path: path, bytes: Array(data))
        let bytes = document.bytes
        var stack: [Int] = []
        var skipping = 0  // inside head, script or style
        var index = 0
        func find(_ needle: String, from start: Int) -> Int? {
            let pattern = Array(needle.utf8)
            var position = start
            while position + pattern.count <= bytes.count {
                if bytes[position] == pattern[0], Array(bytes[position..<(position + pattern.count)]) == pattern {
                    return position
                }
                position += 1
            }
            return nil
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                if bytes[index...].starts(with: Array("<!--".utf8)) {
                    guard let end = find("-->", from: index) else {
                        throw Failure(reason: "\(path): a comment is not closed")
                    }
                    index = end + 3
                    continue
                }
                if bytes[index...].starts(with: Array("<![CDATA[".utf8)) {
                    throw Failure(reason: "\(path) holds CDATA")
                }
                guard let close = find(">", from: index) else { throw Failure(reason: "\(path): a tag is not closed") }
                let tag = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
                defer { index = close + 1 }
                if tag.hasPrefix("?") || tag.hasPrefix("!") { continue }
                if tag.hasPrefix("/") {
                    let name = localName(String(tag.dropFirst()).trimmingCharacters(in: .whitespaces))
                    guard let open = stack.popLast() else {
                        throw Failure(reason: "\(path): </\(name)> closes nothing open")
                    }
                    guard document.elements[open].name == name else {
                        throw Failure(
                            reason: "\(path): <\(document.elements[open].name)> is not closed before </\(name)>")
                    }
                    document.elements[open].end = close + 1
                    if name == "head" { document.headEnd = index }
                    if ["head", "script", "style"].contains(name) { skipping -= 1 }
                    continue
                }
                let selfClosing = tag.hasSuffix("/")
                let name = localName(String(tag.prefix { !$0.isWhitespace && $0 != "/" }))
                if let id = attribute("id", in: tag) { document.ids.insert(id) }
                document.elements.append((name, stack.last ?? -1, index, close + 1))
                if !selfClosing {
                    stack.append(document.elements.count - 1)
                    if ["head", "script", "style"].contains(name) { skipping += 1 }
                }
                continue
            }
            // Text up to the next tag: its letters, entities decoded.
            var end = index
            while end < bytes.count, bytes[end] != UInt8(ascii: "<") { end += 1 }
            if skipping == 0, let parent = stack.last {
                collectLetters(bytes, index..<end, parent: parent, into: &document.letters)
            }
            index = end
        }
        guard stack.isEmpty else {
            throw Failure(reason: "\(path): <\(document.elements[stack.last!].name)> is not closed")
        }
        return document
    }

    static func localName(_ name: String) -> String {
        String(name.split(separator: ":").last ?? Substring(name)).lowercased()
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        for quote in ["\"", "'"] {
            for prefix in [" \(name)=\(quote)", "\n\(name)=\(quote)", "\t\(name)=\(quote)"] {
                guard let range = tag.range(of: prefix) else { continue }
                let rest = tag[range.upperBound...]
                guard let close = rest.firstIndex(of: Character(quote)) else { return nil }
                return String(rest[..<close])
            }
        }
        return nil
    }

    static func collectLetters(
        _ bytes: [UInt8], _ range: Range<Int>, parent: Int,
        into letters: inout [(scalar: Unicode.Scalar, start: Int, end: Int, parent: Int)]
    ) {
        var position = range.lowerBound
        while position < range.upperBound {
            var scalar: Unicode.Scalar?
            var next = position + 1
            if bytes[position] == UInt8(ascii: "&"),
                let semicolon = bytes[position..<range.upperBound].firstIndex(of: 59),
                semicolon - position <= 10
            {
                let name = String(decoding: bytes[(position + 1)..<semicolon], as: UTF8.self)
                next = semicolon + 1
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
                }
            } else {
                // One UTF-8 scalar.
                let lead = bytes[position]
                let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                next = min(range.upperBound, position + length)
                scalar = String(decoding: bytes[position..<next], as: UTF8.self).unicodeScalars.first
            }
            if let scalar {
                for lower in String(scalar).lowercased().unicodeScalars where isWordScalar(lower) {
                    letters.append((lower, position, next, parent))
                }
            }
            position = next
        }
    }

    /// The letters and digits of a text, lower-cased scalar by scalar (as a document's are).
    static func letters(of text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.flatMap { String($0).lowercased().unicodeScalars }.filter(isWordScalar)
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Whether a block element lies inside `start..<end` (elements are in document order).
    static func enclosesBlock(_ document: Document, _ start: Int, _ end: Int) -> Bool {
        var low = 0
        var high = document.elements.count
        while low < high {
            let middle = (low + high) / 2
            if document.elements[middle].start < start { low = middle + 1 } else { high = middle }
        }
        var index = low
        while index < document.elements.count, document.elements[index].start < end {
            if document.elements[index].end <= end, blockElements.contains(document.elements[index].name) {
                return true
            }
            index += 1
        }
        return false
    }

    // MARK: Placing

    /// Places every line, in order, in the documents (in spine order).
    static func place(_ lines: [Line], in documents: [Document]) throws(Failure) -> [Placement] {
        var placements: [Placement] = []
        var document = 0
        var position = 0
        var lastEnd = 0
        for line in lines {
            let key = letters(of: line.text)
            guard !key.isEmpty else {
                // A line of punctuation alone (a dash between two quotations): its characters, in the
                // text shortly after the line before.
                guard document < documents.count,
                    let place = punctuation(line.text, in: documents[document], after: lastEnd)
                else { throw Failure(reason: "line \(line.id) (\"\(line.text)\") is not in the text") }
                if documents[document].ids.contains(line.id) {
                    throw Failure(reason: "\(documents[document].path) already has an element \(line.id)")
                }
                placements.append(
                    Placement(document: document, start: place.lowerBound, end: place.upperBound, line: line))
                lastEnd = place.upperBound
                continue
            }
            var found: (document: Int, at: Int)?
            search: while document < documents.count {
                let text = documents[document].letters
                var index = position
                while index + key.count <= text.count {
                    if text[index].scalar == key[0], (0..<key.count).allSatisfy({ text[index + $0].scalar == key[$0] })
                    {
                        found = (document, index)
                        break search
                    }
                    index += 1
                }
                document += 1
                position = 0
                lastEnd = 0
            }
            guard let found else {
                throw Failure(reason: "the words of line \(line.id) (\"\(line.text.prefix(40))\") are not in the text")
            }
            let doc = documents[found.document]
            let first = doc.letters[found.at]
            let last = doc.letters[found.at + key.count - 1]
            var start = first.start
            var end = trailingPunctuation(doc.bytes, after: last.end)
            // A span that starts or ends inside inline markup grows to enclose it.
            let common = commonAncestor(first.parent, last.parent, in: doc)
            if first.parent != common {
                start = doc.elements[child(of: common, containing: first.parent, in: doc)].start
            }
            if last.parent != common {
                end = trailingPunctuation(
                    doc.bytes, after: doc.elements[child(of: common, containing: last.parent, in: doc)].end)
            }
            // A quotation keeps its marks.
            if line.isQuotation {
                if let mark = openingMarks.first(where: { doc.bytes[..<start].hasSuffix($0) }) { start -= mark.count }
                if let mark = closingMarks.first(where: { doc.bytes[end...].starts(with: $0) }) { end += mark.count }
            }
            if enclosesBlock(doc, start, end) {
                throw Failure(reason: "line \(line.id) runs across paragraphs of \(doc.path)")
            }
            guard start >= lastEnd else { throw Failure(reason: "line \(line.id) overlaps the line before") }
            if doc.ids.contains(line.id) { throw Failure(reason: "\(doc.path) already has an element \(line.id)") }
            placements.append(Placement(document: found.document, start: start, end: end, line: line))
            document = found.document
            position = found.at + key.count
            lastEnd = end
        }
        return placements
    }

    /// Where a line without letters stands: its characters as written, in text (not in a tag),
    /// within a few hundred bytes after `start`.
    static func punctuation(_ text: String, in document: Document, after start: Int) -> Range<Int>? {
        let needle = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard !needle.isEmpty else { return nil }
        var inTag = false
        var position = start
        let limit = min(document.bytes.count, start + 400)
        while position + needle.count <= limit {
            let byte = document.bytes[position]
            if byte == UInt8(ascii: "<") { inTag = true } else if byte == UInt8(ascii: ">") { inTag = false }
            if !inTag, Array(document.bytes[position..<(position + needle.count)]) == needle {
                return position..<(position + needle.count)
            }
            position += 1
        }
        return nil
    }

    /// After a line's last letter: the punctuation that closes it (`,` `.` `?` `!` …) in the same text.
    static func trailingPunctuation(_ bytes: [UInt8], after position: Int) -> Int {
        var end = position
        while end < bytes.count, ",.;:!?)".utf8.contains(bytes[end]) { end += 1 }
        return end
    }

    static func ancestors(_ element: Int, in document: Document) -> [Int] {
        var chain: [Int] = []
        var current = element
        while current >= 0 {
            chain.append(current)
            current = document.elements[current].parent
        }
        return chain
    }

    static func commonAncestor(_ a: Int, _ b: Int, in document: Document) -> Int {
        let chain = Set(ancestors(a, in: document))
        return ancestors(b, in: document).first { chain.contains($0) } ?? a
    }

    static func child(of ancestor: Int, containing element: Int, in document: Document) -> Int {
        var current = element
        while document.elements[current].parent != ancestor { current = document.elements[current].parent }
        return current
    }

    // MARK: Writing

    /// A document with its lines' spans inserted, and a link to the stylesheet at `stylesheet`
    /// (relative to the document).
    static func marked(_ document: Document, _ placements: [Placement], stylesheet: String) -> Data {
        var insertions: [(at: Int, text: String)] = []
        for placement in placements {
            insertions.append(
                (placement.start, "<span id=\"\(placement.line.id)\" class=\"\(placement.line.classes)\">"))
            insertions.append((placement.end, "</span>"))
        }
        if let head = document.headEnd {
            insertions.append((head, "<link rel=\"stylesheet\" type=\"text/css\" href=\"\(stylesheet)\"/>\n"))
        }
        // Stable: a close at a place goes before an open at the same place.
        let ordered = insertions.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
        var output: [UInt8] = []
        output.reserveCapacity(document.bytes.count + insertions.count * 48)
        var position = 0
        for (_, insertion) in ordered {
            output += document.bytes[position..<insertion.at]
            output += Array(insertion.text.utf8)
            position = insertion.at
        }
        output += document.bytes[position...]
        return Data(output)
    }

    /// `to` relative to the folder of `from` (both archive paths).
    static func relativePath(from: String, to: String) -> String {
        let fromParts = from.split(separator: "/").dropLast()
        let toParts = to.split(separator: "/")
        var common = 0
        while common < fromParts.count, common < toParts.count - 1,
            fromParts[fromParts.startIndex + common] == toParts[common]
        {
            common += 1
        }
        let up = Array(repeating: "..", count: fromParts.count - common)
        return (up + toParts[common...].map(String.init)).joined(separator: "/")
    }
}

extension ArraySlice where Element == UInt8 {
    fileprivate func hasSuffix(_ suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(endIndex - suffix.count)...]) == suffix
    }
}

/// Cuts paragraphs into narration and quotations.
///
/// Quotations never run past their paragraph: one left open either continues in
/// the next paragraph (which then opens with a quotation mark, the usual
/// convention for a speech over several paragraphs) or is closed at the
/// paragraph's end with a warning.
public struct QuoteScanner: Sendable {
    /// The book's quotation convention.
    public var style: QuoteStyle

    /// Creates a scanner for a convention.
    public init(style: QuoteStyle) { self.style = style }

    /// Cuts each paragraph, linking quotations that run over several paragraphs.
    public func passages(_ blocks: [TextBlock], in manuscript: Manuscript) -> [Passage] {
        var passages = blocks.map { passage($0, in: manuscript) }
        for index in passages.indices where passages[index].endsInsideQuotation {
            let next = index + 1
            let continues = next < passages.count && opensWithQuotation(passages[next].block, in: manuscript)
            if continues {
                passages[next].continuesQuotation = true
                passages[index].unclosedQuotationAt = nil
            }
        }
        return passages
    }

    /// Cuts one paragraph.
    public func passage(_ block: TextBlock, in manuscript: Manuscript) -> Passage {
        let bytes = manuscript.bytes
        var segments: [Passage.Segment] = []
        var segmentStart = block.start
        var inQuote = false
        var openedAt: Int?
        var unclosed: Int?
        var index = block.start
        func emit(_ isQuote: Bool, _ start: Int, _ end: Int) {
            var start = start
            var end = end
            // ASCII white space, and the no-break spaces French puts inside « … ».
            while start < end {
                if Manuscript.isWhitespaceByte(bytes[start]) {
                    start += 1
                } else if let width = QuoteScanner.noBreakSpace(bytes, at: start, end: end) {
                    start += width
                } else {
                    break
                }
            }
            while end > start {
                if Manuscript.isWhitespaceByte(bytes[end - 1]) {
                    end -= 1
                } else if end - 2 >= start, QuoteScanner.noBreakSpace(bytes, at: end - 2, end: end) == 2 {
                    end -= 2
                } else if end - 3 >= start, QuoteScanner.noBreakSpace(bytes, at: end - 3, end: end) == 3 {
                    end -= 3
                } else {
                    break
                }
            }
            guard start < end else { return }
            if !isQuote,
                !bytes[start..<end].contains(where: {
                    $0 >= 0x80 || QuoteMark.isASCIILetter($0) || ($0 >= 0x30 && $0 <= 0x39)
                })
            {
                return
            }
            segments.append(Passage.Segment(isQuote: isQuote, start: start, end: end))
        }
        while index < block.end {
            guard let mark = QuoteMark.at(bytes, index) else {
                index += 1
                continue
            }
            switch role(
                of: mark, at: index, inQuote: inQuote, in: bytes, paragraphStart: block.start, paragraphEnd: block.end)
            {
            case .open:
                emit(false, segmentStart, index)
                inQuote = true
                openedAt = index
                segmentStart = index + mark.length
            case .close:
                emit(true, segmentStart, index)
                inQuote = false
                segmentStart = index + mark.length
            case .reopen:
                // An opening mark inside an open quotation: the earlier one was never closed.
                emit(true, segmentStart, index)
                if unclosed == nil { unclosed = openedAt }
                openedAt = index
                segmentStart = index + mark.length
            case .text:
                break
            }
            index += mark.length
        }
        emit(inQuote, segmentStart, block.end)
        var passage = Passage(block: block, segments: segments)
        if inQuote {
            passage.endsInsideQuotation = true
            if unclosed == nil { unclosed = openedAt }
        }
        passage.unclosedQuotationAt = unclosed
        return passage
    }

    enum Role { case open, close, reopen, text }

    /// The width of a no-break space (U+00A0), narrow no-break space (U+202F) or thin space (U+2009) at `index`.
    static func noBreakSpace(_ bytes: [UInt8], at index: Int, end: Int) -> Int? {
        if index + 1 < end, bytes[index] == 0xC2, bytes[index + 1] == 0xA0 { return 2 }
        if index + 2 < end, bytes[index] == 0xE2, bytes[index + 1] == 0x80,
            bytes[index + 2] == 0xAF || bytes[index + 2] == 0x89
        {
            return 3
        }
        return nil
    }

    func role(
        of mark: QuoteMark, at index: Int, inQuote: Bool, in bytes: [UInt8], paragraphStart: Int, paragraphEnd: Int
    ) -> Role {
        switch (style, mark.glyph) {
        case (.double, .straightDouble):
            return inQuote ? .close : .open
        case (.double, .leftDouble), (.double, .leftGuillemet):
            return inQuote ? .reopen : .open
        case (.double, .rightDouble), (.double, .rightGuillemet):
            return inQuote ? .close : .text
        case (.low, .lowDouble), (.guillemets, .leftGuillemet), (.reversedGuillemets, .rightGuillemet):
            return inQuote ? .reopen : .open
        case (.low, .leftDouble), (.low, .rightDouble), (.guillemets, .rightGuillemet),
            (.reversedGuillemets, .leftGuillemet):
            return inQuote ? .close : .text
        case (.low, .straightDouble):
            return inQuote ? .close : .open
        case (.single, .leftSingle):
            return inQuote ? .text : .open
        case (.single, .straightSingle), (.single, .rightSingle):
            if inQuote {
                return QuoteMark.canCloseSingle(bytes, at: index, length: mark.length, paragraphEnd: paragraphEnd)
                    ? .close : .text
            }
            guard mark.glyph == .straightSingle else { return .text }
            // At a paragraph's start a mark opens speech even before an elision ('Tis true,' said he).
            let opensParagraph =
                index == paragraphStart && index + 1 < paragraphEnd && !Manuscript.isWhitespaceByte(bytes[index + 1])
            return opensParagraph || QuoteMark.canOpenSingle(bytes, at: index, length: mark.length) ? .open : .text
        default:
            return .text
        }
    }

    func opensWithQuotation(_ block: TextBlock, in manuscript: Manuscript) -> Bool {
        guard let mark = QuoteMark.at(manuscript.bytes, block.start) else { return false }
        return role(
            of: mark, at: block.start, inQuote: false, in: manuscript.bytes, paragraphStart: block.start,
            paragraphEnd: block.end) == .open
    }
}

/// Which marks open and close speech in a book.
public enum QuoteStyle: String, Sendable {
    /// `"…"` or `“…”`; single marks inside are nested quotes or apostrophes.
    case double
    /// `'…'` or `‘…’`; double marks inside are nested quotes.
    case single
    /// German, Czech, Polish and others: `„…“` (or `„…”`).
    case low
    /// French and Swiss: `« … »`, often with (no-break) spaces inside.
    case guillemets
    /// German and Danish books: `»…«`.
    case reversedGuillemets

    /// Picks the book's convention from the marks it uses; the book's language (`de`, `fr`, …)
    /// decides where the marks alone do not. Single-quote dialogue only when single opening marks
    /// clearly outnumber double marks.
    public static func detect(in manuscript: Manuscript, language: String? = nil) -> QuoteStyle {
        let bytes = manuscript.bytes
        var doubleMarks = 0
        var rightDoubles = 0
        var singleOpeners = 0
        var lowOpeners = 0
        var guillemets = 0
        var leftOpening = 0
        var rightOpening = 0
        var index = 0
        while index < bytes.count {
            let mark = QuoteMark.at(bytes, index)
            switch mark?.glyph {
            case .straightDouble, .leftDouble: doubleMarks += 1
            case .rightDouble:
                doubleMarks += 1
                rightDoubles += 1
            case .lowDouble: lowOpeners += 1
            case .leftSingle: singleOpeners += 1
            case .straightSingle:
                if QuoteMark.canOpenSingle(bytes, at: index, length: 1) { singleOpeners += 1 }
            case .leftGuillemet, .rightGuillemet:
                guillemets += 1
                // Which guillemet opens: the one a word follows (»Ja«, «Oui», or « Oui » after a space).
                var after = index + (mark?.length ?? 1)
                if mark?.glyph == .leftGuillemet {
                    if after < bytes.count, bytes[after] == 0x20 { after += 1 }
                    if let width = QuoteScanner.noBreakSpace(bytes, at: after, end: bytes.count) { after += width }
                }
                let opens = after < bytes.count && (QuoteMark.isASCIILetter(bytes[after]) || bytes[after] >= 0xC3)
                if opens { if mark?.glyph == .leftGuillemet { leftOpening += 1 } else { rightOpening += 1 } }
            default: break
            }
            index += mark?.length ?? 1
        }
        let primary = language.map(BookMetadata.primaryLanguage(of:))
        let lowLanguages: Set<String> = ["de", "cs", "sk", "pl", "hu", "ro", "bg", "lt", "hr", "sl", "et", "is"]
        let guillemetLanguages: Set<String> = [
            "fr", "it", "es", "pt", "ru", "uk", "el", "ca", "no", "nb", "tr", "ar", "fa",
        ]
        if guillemets >= 4, guillemets * 2 >= doubleMarks {
            if rightOpening > leftOpening { return .reversedGuillemets }
            if leftOpening > rightOpening { return .guillemets }
            return primary == "de" || primary == "da" ? .reversedGuillemets : .guillemets
        }
        if lowOpeners >= 4, lowOpeners * 2 >= rightDoubles { return .low }
        if singleOpeners > max(doubleMarks, 4) { return .single }
        if doubleMarks < 4, let primary {
            if lowLanguages.contains(primary), lowOpeners > 0 { return .low }
            if guillemetLanguages.contains(primary), guillemets > 0 { return .guillemets }
        }
        return .double
    }
}

/// A quotation mark found in the text.
struct QuoteMark {
    enum Glyph {
        case straightDouble, leftDouble, rightDouble, lowDouble
        case straightSingle, leftSingle, rightSingle, lowSingle
        case leftGuillemet, rightGuillemet
    }

    var glyph: Glyph
    var length: Int

    static func at(_ bytes: [UInt8], _ index: Int) -> QuoteMark? {
        let byte = bytes[index]
        if byte == 0x22 { return QuoteMark(glyph: .straightDouble, length: 1) }
        if byte == 0x27 { return QuoteMark(glyph: .straightSingle, length: 1) }
        if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 {
            switch bytes[index + 2] {
            case 0x9C: return QuoteMark(glyph: .leftDouble, length: 3)
            case 0x9D: return QuoteMark(glyph: .rightDouble, length: 3)
            case 0x98: return QuoteMark(glyph: .leftSingle, length: 3)
            case 0x99: return QuoteMark(glyph: .rightSingle, length: 3)
            case 0x9E: return QuoteMark(glyph: .lowDouble, length: 3)
            case 0x9A: return QuoteMark(glyph: .lowSingle, length: 3)
            default: return nil
            }
        }
        if byte == 0xC2, index + 1 < bytes.count {
            if bytes[index + 1] == 0xAB { return QuoteMark(glyph: .leftGuillemet, length: 2) }
            if bytes[index + 1] == 0xBB { return QuoteMark(glyph: .rightGuillemet, length: 2) }
        }
        return nil
    }

    /// Words that begin with an apostrophe standing for dropped letters.
    static let elisions: Set<String> = [
        "em", "tis", "twas", "twere", "twill", "twould", "til", "till", "cause", "bout", "n", "round", "un",
        "ere", "ow", "appen", "ave", "is", "er", "im", "e", "ome", "alf", "tain", "cept", "nough", "specially",
        "s", "d", "ll", "ve", "re", "m", "t", "scuse", "fraid", "gainst", "mongst", "neath", "pon", "twixt",
    ]

    /// A single mark opens speech when it follows a space or an opening
    /// punctuation mark, precedes a non-space, and does not start an elision.
    static func canOpenSingle(_ bytes: [UInt8], at index: Int, length: Int) -> Bool {
        let before: UInt8 = index > 0 ? bytes[index - 1] : 0x20
        guard isSpaceOrOpener(before) else { return false }
        let after = index + length
        guard after < bytes.count, !Manuscript.isWhitespaceByte(bytes[after]) else { return false }
        var word = ""
        var cursor = after
        while cursor < bytes.count, cursor - after < 12, isASCIILetter(bytes[cursor]) {
            word.append(Character(Unicode.Scalar(bytes[cursor])))
            cursor += 1
        }
        let next: UInt8 = cursor < bytes.count ? bytes[cursor] : 0x20
        if elisions.contains(word.lowercased()), !isASCIILetter(next), next != 0x2D || word.count > 1 {
            // 'em, 'tis; but 'Em!' at a quote start is ambiguous: treat as elision.
            return false
        }
        return true
    }

    /// A single mark closes speech when it follows a non-space and is followed by
    /// a space, punctuation or the end; `dogs' tails` and `goin' home` are apostrophes.
    static func canCloseSingle(_ bytes: [UInt8], at index: Int, length: Int, paragraphEnd: Int) -> Bool {
        guard index > 0 else { return false }
        let before = bytes[index - 1]
        guard !Manuscript.isWhitespaceByte(before) else { return false }
        let after = index + length
        if after >= paragraphEnd { return true }
        let next = bytes[after]
        if isASCIILetter(next) || (next >= 0x30 && next <= 0x39) { return false }
        if isClosingPunctuation(before) || before >= 0x80 { return true }
        if isClosingPunctuation(next) || next == 0x2D { return true }
        return false
    }

    static func isSpaceOrOpener(_ byte: UInt8) -> Bool {
        Manuscript.isWhitespaceByte(byte) || byte == 0x28 || byte == 0x5B || byte == 0x2D || byte == 0x22
            || byte == 0x9C || byte == 0x94 || byte == 0x5F || byte == 0x2A || byte == 0xA0
    }

    static func isClosingPunctuation(_ byte: UInt8) -> Bool {
        byte == 0x2E || byte == 0x2C || byte == 0x21 || byte == 0x3F || byte == 0x3B || byte == 0x3A
            || byte == 0x5F || byte == 0x2A || byte == 0x29 || byte == 0x22
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}

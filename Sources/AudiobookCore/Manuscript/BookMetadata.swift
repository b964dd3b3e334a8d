/// What a book says about itself: from an EPUB's package, Markdown front matter, or a title page.
public struct BookMetadata: Sendable, Equatable {
    /// The book's title.
    public var title: String?
    /// Its author (several authors joined with `, `).
    public var author: String?
    /// Its language as a BCP 47 tag (`en`, `de`, `fr-CA`), when the book says.
    public var language: String?
    /// A cover image: a path relative to the manuscript's folder (front matter) or inside the EPUB.
    public var cover: String?

    /// Creates metadata.
    public init(title: String? = nil, author: String? = nil, language: String? = nil, cover: String? = nil) {
        self.title = title
        self.author = author
        self.language = language
        self.cover = cover
    }

    /// The primary language subtag of a BCP 47 tag (or an espeak-ng voice name), lower-cased:
    /// `en-GB` → `en`, `pt_BR` → `pt`, `fil` → `fil`.
    public static func primaryLanguage(of tag: String) -> String {
        String(tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "")
    }

    /// Whether a value is a language tag (`en`, `fr-CA`, `pt_BR`) rather than a locale's name such
    /// as `C` or `POSIX`, which tools write for "no language" (pandoc, under `LANG=C`).
    public static func isLanguageTag(_ value: String) -> Bool {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false).flatMap {
            $0.split(separator: "_", omittingEmptySubsequences: false)
        }
        guard let primary = parts.first, (2...3).contains(primary.count), primary.allSatisfy(\.isASCIILetter) else {
            return false
        }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy(\.isASCIIAlphanumeric) }
    }

    /// Whether nothing is known.
    public var isEmpty: Bool { title == nil && author == nil && language == nil && cover == nil }

    /// These values, with the gaps filled from `other`.
    public func filled(from other: BookMetadata?) -> BookMetadata {
        guard let other else { return self }
        return BookMetadata(
            title: title ?? other.title, author: author ?? other.author,
            language: language ?? other.language, cover: cover ?? other.cover)
    }
}

extension Character {
    fileprivate var isASCIILetter: Bool { isASCII && isLetter }
    fileprivate var isASCIIAlphanumeric: Bool { isASCII && (isLetter || isNumber) }
}

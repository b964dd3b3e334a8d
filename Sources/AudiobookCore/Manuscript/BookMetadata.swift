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

import Foundation

/// A title page before the first chapter: a few short lines that give the title and the author
/// (`Oliver Twist` … `by Charles Dickens`, `Title: Hard Times` / `Author: Charles Dickens`).
public enum TitlePage {
    /// The longest line of a title page.
    static let maximumLineLength = 100
    /// The most paragraphs a title page holds.
    static let maximumParagraphs = 10

    /// The metadata the opening scene gives, when it is a title page: a scene before the book's
    /// first chapter heading whose paragraphs are all short, naming an author (`by NAME`,
    /// `BY` / `NAME`, `Author: NAME`) or a title (`Title: NAME`).
    public static func metadata(of layouts: [SceneLayout], in manuscript: Manuscript) -> BookMetadata? {
        guard let opening = layouts.first, opening.chapter == nil, layouts.count > 1,
            layouts.dropFirst().contains(where: { $0.chapter != nil })
        else { return nil }
        let paragraphs = opening.blocks.filter { $0.kind == .paragraph }.map {
            manuscript.text($0.start..<$0.end).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        guard !paragraphs.isEmpty, paragraphs.count <= maximumParagraphs,
            paragraphs.allSatisfy({ $0.count <= maximumLineLength })
        else { return nil }
        var title: String?
        var author: String?
        for (index, paragraph) in paragraphs.enumerated() {
            if let value = labelled(paragraph, "title") {
                title = title ?? value
                continue
            }
            if let value = labelled(paragraph, "author") {
                author = author ?? value
                continue
            }
            let lower = paragraph.lowercased()
            if lower.hasPrefix("by "), paragraph.count > 3 {
                author = author ?? String(paragraph.dropFirst(3)).trimmingCharacters(in: .whitespaces)
            } else if lower == "by", index + 1 < paragraphs.count {
                author = author ?? paragraphs[index + 1]
            }
        }
        guard author != nil || title != nil else { return nil }
        if title == nil, let first = paragraphs.first, labelled(first, "author") == nil,
            !first.lowercased().hasPrefix("by ")
        {
            title = first
        }
        return BookMetadata(title: title.map(readable), author: author.map(readable))
    }

    /// `Title: Hard Times` → `Hard Times`.
    static func labelled(_ paragraph: String, _ label: String) -> String? {
        guard paragraph.lowercased().hasPrefix(label + ":") else { return nil }
        let value = paragraph.dropFirst(label.count + 1).trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }

    static let smallWords: Set<String> = [
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with",
    ]

    /// An all-capitals title page line in title case (`OLIVER TWIST` → `Oliver Twist`); others as written.
    static func readable(_ text: String) -> String {
        let cleaned = EmphasisMarkup.strip(text).text.trimmingCharacters(in: CharacterSet(charactersIn: " .,;:"))
        guard cleaned.contains(where: \.isLetter), !cleaned.contains(where: \.isLowercase) else { return cleaned }
        return cleaned.split(separator: " ").enumerated().map { index, word in
            let lower = word.lowercased()
            if index > 0, smallWords.contains(lower) { return lower }
            return lower.prefix(1).uppercased() + lower.dropFirst()
        }.joined(separator: " ")
    }
}

import AudiobookCore
import Foundation

/// The text of a read-along EPUB 3: one XHTML content document per chapter, each spoken line
/// (exactly the lines of `cues.json`) an element with a stable id, and one SMIL media overlay per
/// content document whose `<par>`s play each line's span of its scene's audio. Clip times come
/// from the sample counts of the render, never from re-measured audio.
public struct ReadAlongDocuments: Sendable {
    /// One content document: consecutive scenes of one chapter.
    public struct Chapter: Sendable, Equatable {
        public var title: String
        /// Positions in the render's scenes.
        public var scenes: Range<Int>
        /// `chapter-001` (file names and manifest ids derive from it).
        public var name: String
    }

    public var title: String
    public var author: String?
    /// A BCP 47 tag.
    public var language: String
    public var sampleRate: Int
    /// The plans the scenes were rendered from (for paragraphs and emphasis), and what the render made of them.
    public var plans: [ScenePlan]
    public var scenes: [RenderedScene]
    public let chapters: [Chapter]
    /// A CSS class per speaker (`speaker-tessa`), distinct for distinct names.
    public let speakerClasses: [String: String]

    /// The class the reading system sets on the element being read (declared as `media:active-class`).
    public static let activeClass = "audiobook-active"

    /// The documents of a rendered book; `plans` are those of `scenes`, in the same order.
    public init(
        title: String, author: String?, language: String?, sampleRate: Int, plans: [ScenePlan],
        scenes: [RenderedScene]
    ) {
        precondition(plans.map(\.fileName) == scenes.map(\.file), "the plans of the rendered scenes")
        self.title = title
        self.author = author
        self.language = language ?? "en"
        self.sampleRate = sampleRate
        self.plans = plans
        self.scenes = scenes
        chapters = ChapterGrouping.groups(of: scenes.map { ($0.index, $0.chapter) }).enumerated().map {
            Chapter(title: $1.title, scenes: $1.scenes, name: String(format: "chapter-%03d", $0 + 1))
        }
        speakerClasses = ReadAlongDocuments.classes(for: Set(scenes.flatMap { $0.cues.map(\.speaker) }))
    }

    // MARK: Names

    /// The id of a line's element: scene and line number (`s003-l014`).
    public static func elementID(scene: Int, line: Int) -> String {
        String(format: "s%03d-l%03d", scene, line)
    }

    /// The audio file of a scene inside the EPUB (`audio/scene-001.m4a`).
    public static func audioPath(for wav: String) -> String {
        "audio/" + (wav as NSString).deletingPathExtension + ".m4a"
    }

    static func classes(for speakers: Set<String>) -> [String: String] {
        var classes: [String: String] = [:]
        var used: Set<String> = []
        for speaker in speakers.sorted() {
            var slug = ""
            for scalar in speaker.folding(options: .diacriticInsensitive, locale: nil).lowercased().unicodeScalars {
                if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                    slug.unicodeScalars.append(scalar)
                } else if !slug.isEmpty, !slug.hasSuffix("-") {
                    slug += "-"
                }
            }
            while slug.hasSuffix("-") { slug.removeLast() }
            var name = "speaker-" + (slug.isEmpty ? "x" : slug)
            var suffix = 2
            while used.contains(name) {
                name = "speaker-\(slug.isEmpty ? "x" : slug)-\(suffix)"
                suffix += 1
            }
            used.insert(name)
            classes[speaker] = name
        }
        return classes
    }

    /// A speaker's colour: a hue fixed by the name alone, so a speaker has the same colour in every book.
    public static func colour(of speaker: String) -> (hue: Int, css: String) {
        let hue = Int(StableHash.fnv1a64(Array(speaker.utf8)) % 360)
        return (hue, "hsl(\(hue), 70%, 38%)")
    }

    // MARK: Clock values

    /// Milliseconds of a sample position, rounded as `cues.json` rounds its seconds.
    func milliseconds(_ sample: Int) -> Int { CueFiles.milliseconds(sample, sampleRate) }

    /// A SMIL full clock value: `0:01:02.345`.
    public static func clock(milliseconds: Int) -> String {
        String(
            format: "%d:%02d:%02d.%03d", milliseconds / 3_600_000, milliseconds / 60_000 % 60,
            milliseconds / 1000 % 60, milliseconds % 1000)
    }

    /// The time a chapter's overlay plays: the sum of its clips.
    public func duration(of chapter: Chapter) -> Int {
        scenes[chapter.scenes].reduce(0) { total, scene in
            total + scene.cues.reduce(0) { $0 + milliseconds($1.endSample) - milliseconds($1.startSample) }
        }
    }

    // MARK: Documents

    /// The content document of a chapter.
    public func contentDocument(_ chapter: Chapter) -> String {
        var body = ""
        for position in chapter.scenes {
            // A break between scenes, none between the parts of one.
            if position != chapter.scenes.lowerBound, plans[position - 1].index != plans[position].index {
                body += "<hr class=\"scene-break\"/>\n"
            }
            body += sceneText(plans[position], scene: scenes[position])
        }
        return xhtml(
            title: chapter.title, head: "<link rel=\"stylesheet\" type=\"text/css\" href=\"../style.css\"/>\n",
            body: "<section epub:type=\"chapter\" id=\"\(chapter.name)\">\n\(body)</section>\n")
    }

    /// An XHTML document of the book's language.
    func xhtml(title: String, head: String = "", body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="\(language)" xml:lang="\(language)">
        <head>
        <meta charset="UTF-8"/>
        <title>\(Self.escape(title))</title>
        \(head)</head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// A scene's lines: headings as headings, each paragraph a `<p>` of its lines' spans.
    func sceneText(_ plan: ScenePlan, scene: RenderedScene) -> String {
        let spoken = Set(scene.cues.map(\.line))
        var text = ""
        var paragraph: [String] = []
        var paragraphNumber: Int?
        func closeParagraph() {
            if !paragraph.isEmpty { text += "<p>" + paragraph.joined(separator: " ") + "</p>\n" }
            paragraph = []
        }
        for line in plan.lines where !line.continuesLine && spoken.contains(line.number) {
            let id = Self.elementID(scene: plan.index, line: line.number)
            let script = line.line
            if script.kind == .heading {
                closeParagraph()
                text += "<h2 id=\"\(id)\">\(Self.markup(script))</h2>\n"
                paragraphNumber = nil
                continue
            }
            if paragraphNumber != script.paragraph { closeParagraph() }
            paragraphNumber = script.paragraph
            if script.kind == .dialogue {
                let marks = quotationMarks
                let speaker = speakerClasses[script.speaker] ?? "speaker-x"
                paragraph.append(
                    "<span id=\"\(id)\" class=\"dialogue \(speaker)\">\(marks.open)\(Self.markup(script))\(marks.close)</span>"
                )
            } else {
                paragraph.append("<span id=\"\(id)\" class=\"narration\">\(Self.markup(script))</span>")
            }
        }
        closeParagraph()
        return text
    }

    /// The book's language's quotation marks, around each dialogue line.
    var quotationMarks: (open: String, close: String) {
        switch BookMetadata.primaryLanguage(of: language) {
        case "de", "cs", "sk", "pl", "bg", "ro", "hu", "lt", "et": ("„", "“")
        case "fr", "it", "es", "pt", "ru", "uk", "el", "ca", "nb", "no": ("«", "»")
        default: ("“", "”")
        }
    }

    /// A line's text as XHTML, its emphasis as `<em>`.
    static func markup(_ line: ScriptLine) -> String {
        SpeechText.marked(line, open: "<em>", close: "</em>") { escape(String(String.UnicodeScalarView($0))) }
    }

    /// The media overlay of a chapter: a `<par>` per cue, its text the line's element, its audio
    /// the cue's span of the scene's audio file.
    public func overlay(_ chapter: Chapter) -> String {
        let text = "../text/\(chapter.name).xhtml"
        var pars = ""
        for position in chapter.scenes {
            let scene = scenes[position]
            let audio = "../" + Self.audioPath(for: scene.file)
            for cue in scene.cues {
                let id = Self.elementID(scene: scene.index, line: cue.line)
                pars += par(id: id, text: "\(text)#\(id)", audio: audio, cue: cue)
            }
        }
        return Self.smil(
            "<seq id=\"seq-\(chapter.name)\" epub:textref=\"\(text)#\(chapter.name)\" epub:type=\"chapter\">\n\(pars)</seq>\n"
        )
    }

    /// The `<par>` of a cue: its text element and its span of the scene's audio.
    func par(id: String, text: String, audio: String, cue: Cue) -> String {
        let begin = Self.clock(milliseconds: milliseconds(cue.startSample))
        let end = Self.clock(milliseconds: milliseconds(cue.endSample))
        return
            "<par id=\"par-\(id)\"><text src=\"\(text)\"/><audio src=\"\(audio)\" clipBegin=\"\(begin)\" clipEnd=\"\(end)\"/></par>\n"
    }

    /// A SMIL document around the body's contents.
    static func smil(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">
        <body>
        \(body)</body>
        </smil>

        """
    }

    /// The package's `dcterms:modified`: now, to the second, in UTC.
    static func modified() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    /// The navigation document: the chapters.
    public func navigation() -> String {
        let items = chapters.map { "<li><a href=\"text/\($0.name).xhtml\">\(Self.escape($0.title))</a></li>" }
        return xhtml(
            title: title,
            body:
                "<nav epub:type=\"toc\" id=\"toc\">\n<h1>\(Self.escape(title))</h1>\n<ol>\n\(items.joined(separator: "\n"))\n</ol>\n</nav>\n"
        )
    }

    /// The stylesheet: each speaker's lines in their colour, the line being read on a tint of it.
    public func stylesheet() -> String {
        var css = """
            body { font-family: serif; line-height: 1.5; margin: 1em; }
            h2 { text-align: center; }
            hr.scene-break { border: none; text-align: center; margin: 1.5em 0; }
            hr.scene-break::after { content: "* * *"; }
            span.narration.\(Self.activeClass), h2.\(Self.activeClass), .-epub-media-overlay-active { background-color: hsl(48, 100%, 85%); }

            """
        for (speaker, name) in speakerClasses.sorted(by: { $0.value < $1.value }) {
            let hue = Self.colour(of: speaker).hue
            css +=
                "span.\(name) { color: hsl(\(hue), 70%, 30%); }\nspan.\(name).\(Self.activeClass), span.\(name).-epub-media-overlay-active { color: #000; background-color: hsl(\(hue), 80%, 80%); }\n"
        }
        return css
    }

    /// XML text: `& < > "` escaped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

/// Consecutive scenes of one chapter belong together (in the M4B's chapter marks and the EPUB's
/// content documents alike); a scene outside any chapter stands alone as `Scene N`.
public enum ChapterGrouping {
    /// Each group's title and the positions of its scenes; `scenes` are (index, chapter title).
    public static func groups(of scenes: [(index: Int, chapter: String?)]) -> [(title: String, scenes: Range<Int>)] {
        var groups: [(title: String, scenes: Range<Int>)] = []
        for (position, scene) in scenes.enumerated() {
            // The parts of one long scene (same index) stay together, like the scenes of one chapter.
            if let last = groups.last, position > 0,
                scenes[position - 1].index == scene.index
                    || (scene.chapter != nil && last.title == scene.chapter && scenes[position - 1].chapter != nil)
            {
                groups[groups.count - 1].scenes = last.scenes.lowerBound..<(position + 1)
            } else {
                groups.append((scene.chapter ?? "Scene \(scene.index)", position..<(position + 1)))
            }
        }
        return groups
    }
}

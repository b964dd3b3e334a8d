/// The attributed script of a manuscript: its scenes, their lines and who speaks each.
///
/// It is a product in itself: a user reads it, corrects it and renders from it.
public struct Script: Sendable, Equatable {
    /// A character as the script lists it.
    public struct Character: Sendable, Equatable {
        public var name: String
        public var aliases: [String]
        public var gender: Gender
        /// Dialogue lines attributed to the character.
        public var lines: Int
        /// A voice profile the cast file names.
        public var voice: String?

        /// Creates a character entry.
        public init(
            name: String, aliases: [String] = [], gender: Gender = .unknown, lines: Int = 0, voice: String? = nil
        ) {
            self.name = name
            self.aliases = aliases
            self.gender = gender
            self.lines = lines
            self.voice = voice
        }
    }

    /// One scene: a stretch of the book read without a break.
    public struct Scene: Sendable, Equatable {
        /// 1-based.
        public var index: Int
        /// The chapter title, when the book has headings.
        public var chapter: String?
        public var lines: [ScriptLine]

        /// Creates a scene.
        public init(index: Int, chapter: String?, lines: [ScriptLine]) {
            self.index = index
            self.chapter = chapter
            self.lines = lines
        }
    }

    /// The manuscript path as given.
    public var source: String
    public var characters: [Character]
    public var scenes: [Scene]
    /// Problems found while reading that did not stop it (unclosed quotation marks).
    public var warnings: [Diagnostic]
    /// The manuscript's checksum when the script was made (`fnv1a64:…`), to notice a changed manuscript.
    public var checksum: String?
    /// Title, author, language and cover: from the EPUB, the front matter or the title page.
    public var metadata: BookMetadata

    /// Creates a script.
    public init(
        source: String, characters: [Character], scenes: [Scene], warnings: [Diagnostic] = [], checksum: String? = nil,
        metadata: BookMetadata = BookMetadata()
    ) {
        self.metadata = metadata
        self.source = source
        self.characters = characters
        self.scenes = scenes
        self.warnings = warnings
        self.checksum = checksum
    }

    /// All dialogue lines, in order.
    public var dialogue: [ScriptLine] { scenes.flatMap { $0.lines.filter { $0.kind == .dialogue } } }

    /// How many dialogue lines each speaker has (`narrator` and `unknown` included).
    public var dialogueCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for scene in scenes {
            for line in scene.lines where line.kind == .dialogue { counts[line.speaker, default: 0] += 1 }
        }
        return counts
    }
}

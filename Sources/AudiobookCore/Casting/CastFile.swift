import Foundation
import Yams

/// A cast file: the characters of a book, as a reader who knows it would list them.
///
/// ```yaml
/// characters:
///   - name: Elizabeth Bennet
///     aliases: [Elizabeth, Lizzy]
///     gender: female
///     voice: elizabeth
///     pov: true
/// ```
public struct CastFile: Sendable, Equatable {
    /// One character entry.
    public struct Character: Sendable, Equatable {
        /// Canonical name, used as the speaker.
        public var name: String
        /// Other names the text uses for the character.
        public var aliases: [String] = []
        /// Gender, when known.
        public var gender: Gender = .unknown
        /// A voice profile name in the voices folder.
        public var voice: String?
        /// Whether the character is the first-person narrator ("I").
        public var isPointOfView = false
        /// The 1-based line of the entry in the file.
        public var line: Int = 0

        mutating func merge(_ other: Character) {
            aliases += other.aliases.filter { !aliases.contains($0) }
            if gender == .unknown { gender = other.gender }
            voice = voice ?? other.voice
            isPointOfView = isPointOfView || other.isPointOfView
        }

        /// Creates an entry.
        public init(
            name: String, aliases: [String] = [], gender: Gender = .unknown, voice: String? = nil,
            isPointOfView: Bool = false
        ) {
            self.name = name
            self.aliases = aliases
            self.gender = gender
            self.voice = voice
            self.isPointOfView = isPointOfView
        }
    }

    /// The file it was read from.
    public var path: String
    /// The characters, in file order.
    public var characters: [Character]

    /// Creates a cast in memory.
    public init(path: String, characters: [Character]) {
        self.path = path
        self.characters = characters
    }

    /// Reads and checks a cast file.
    public init(contentsOf path: String) throws(ConfigError) {
        try self.init(document: ConfigDocument(path: path))
    }

    /// Parses cast YAML text; `path` names it in messages.
    public init(path: String, text: String) throws(ConfigError) {
        try self.init(document: ConfigDocument(path: path, text: text))
    }

    init(document: ConfigDocument) throws(ConfigError) {
        path = document.path
        characters = []
        guard let root = document.root else {
            throw document.error(nil, "the cast file is empty; expected 'characters:' with a list of names")
        }
        for (key, _, value) in try document.mapping(root, allowed: ["characters"], what: "the cast file")
        where key == "characters" {
            guard case .sequence(let entries) = value else {
                throw document.error(value, "'characters' must be a list")
            }
            var positions: [String: Int] = [:]
            for entry in entries {
                let character = try CastFile.character(entry, in: document)
                // The same name twice is one person listed in two places: merge the entries.
                if let position = positions[character.name.lowercased()] {
                    characters[position].merge(character)
                    continue
                }
                positions[character.name.lowercased()] = characters.count
                characters.append(character)
            }
        }
        if characters.filter(\.isPointOfView).count > 1 {
            let second = characters.filter(\.isPointOfView)[1]
            throw ConfigError(path: path, line: second.line, message: "only one character can be 'pov: true'")
        }
    }

    static func character(_ node: Node, in document: ConfigDocument) throws(ConfigError) -> Character {
        let fields = try document.mapping(
            node, allowed: ["name", "aliases", "gender", "voice", "pov"], what: "a character")
        var character = Character(name: "")
        character.line = node.mark?.line ?? 0
        for (key, _, value) in fields {
            switch key {
            case "name": character.name = try document.string(value, key: key).trimmingCharacters(in: .whitespaces)
            case "aliases": character.aliases = try document.strings(value, key: key)
            case "gender":
                let text = try document.string(value, key: key).lowercased()
                guard let gender = Gender(rawValue: text) else {
                    throw document.error(value, "'gender' is '\(text)'; expected female, male or unknown")
                }
                character.gender = gender
            case "voice": character.voice = try document.string(value, key: key)
            case "pov": character.isPointOfView = try document.boolean(value, key: key)
            default: break
            }
        }
        guard !character.name.isEmpty else { throw document.error(node, "a character needs a 'name'") }
        return character
    }
}

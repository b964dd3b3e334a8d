/// The silences between lines, in milliseconds: part of the sound design.
///
/// Read from `pauses.yaml` in the voices folder when it exists:
/// ```yaml
/// scene-start: 600      # before the first line of a scene (the book's first starts at once) (the book's first starts at once)
/// scene-end: 1500       # after the last line
/// heading: 1100         # after a heading
/// paragraph: 650        # between paragraphs
/// speaker-change: 350   # within a paragraph, when the voice changes (narration to speech)
/// line: 200             # within a paragraph, same voice
/// ```
public struct PauseSettings: Sendable, Equatable, Hashable, Codable {
    public var sceneStart = 600
    public var sceneEnd = 1500
    public var heading = 1100
    public var paragraph = 650
    public var speakerChange = 350
    public var line = 200

    /// The defaults.
    public init() {}

    /// The file name in the voices folder.
    public static let fileName = "pauses.yaml"

    /// Reads and checks a pauses file.
    public init(contentsOf path: String) throws(ConfigError) {
        let document = try ConfigDocument(path: path)
        guard let root = document.root else { return }
        let keys = ["scene-start", "scene-end", "heading", "paragraph", "speaker-change", "line"]
        for (key, _, value) in try document.mapping(root, allowed: keys, what: "the pauses file") {
            let milliseconds = try document.integer(value, key: key, range: 0...10_000)
            switch key {
            case "scene-start": sceneStart = milliseconds
            case "scene-end": sceneEnd = milliseconds
            case "heading": heading = milliseconds
            case "paragraph": paragraph = milliseconds
            case "speaker-change": speakerChange = milliseconds
            default: line = milliseconds
            }
        }
    }
}

/// A user's corrections made to a script in place: lines are numbered over the whole book
/// (0-based, in order), and a dialogue line's speaker can be changed, as the review page does.
extension Script {
    /// The rule an edited line records: a person decided.
    public static let editedRule = "edited"

    /// Where a line of the whole book is: its scene and its position in the scene.
    public struct LinePosition: Sendable, Equatable {
        public var scene: Int
        public var line: Int
    }

    /// Why a speaker's line cannot be edited.
    public enum EditError: Error, Sendable, Equatable, CustomStringConvertible {
        case noSuchLine(Int, count: Int)
        case notDialogue(Int, kind: LineKind)
        case badSpeakerName(String, reason: String)

        public var description: String {
            switch self {
            case .noSuchLine(let id, let count): "no line \(id): the script has lines 0 to \(count - 1)"
            case .notDialogue(let id, let kind):
                "line \(id) is \(kind.rawValue), not dialogue: only dialogue has a speaker"
            case .badSpeakerName(let name, let reason): "the speaker name '\(name)' \(reason)"
            }
        }
    }

    /// Every line's position, in order: index `id` is line `id` of the book.
    public var linePositions: [LinePosition] {
        scenes.indices.flatMap { scene in scenes[scene].lines.indices.map { LinePosition(scene: scene, line: $0) } }
    }

    /// Why a name cannot be a speaker in the script's text form (which must read it back), or nil.
    public static func problem(withSpeakerName name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name != name.trimmingCharacters(in: .whitespaces) { return "starts or ends with a space" }
        if name.count > 80 { return "is longer than 80 characters" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "contains a control character"
        }
        if let bad = name.first(where: { "\">(),#=".contains($0) }) {
            return "contains '\(bad)', which the script's text form cannot hold in a name"
        }
        return nil
    }

    /// Gives a dialogue line another speaker; the line then records the rule `edited`, at full
    /// confidence (given back its `original` speaker, it is the original line again), and the
    /// character list is counted again: a new name joins it, genders come from `known` too.
    /// Returns the line as it now is.
    @discardableResult
    public mutating func reassign(
        line id: Int, to speaker: String, original: ScriptLine? = nil, known: [Character] = [],
        positions: [LinePosition]? = nil
    ) throws(EditError) -> ScriptLine {
        let positions = positions ?? linePositions
        guard positions.indices.contains(id) else { throw .noSuchLine(id, count: positions.count) }
        let position = positions[id]
        let line = scenes[position.scene].lines[position.line]
        guard line.kind == .dialogue else { throw .notDialogue(id, kind: line.kind) }
        if let reason = Script.problem(withSpeakerName: speaker) { throw .badSpeakerName(speaker, reason: reason) }
        var edited = line
        if let original, original.speaker == speaker {
            edited = original
        } else if line.speaker != speaker {
            edited.speaker = speaker
            edited.rule = Script.editedRule
            edited.confidence = 1
        }
        if edited != line {
            scenes[position.scene].lines[position.line] = edited
            characters = ScriptCorrections.recount(self, known: characters + known)
        }
        return edited
    }
}

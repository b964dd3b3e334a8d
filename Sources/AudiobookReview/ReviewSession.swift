import AudiobookCore
import AudiobookRender
import Foundation

/// What the review page works on: one script, its voices and where edits are saved. Every
/// operation of the page's API is a method here, answering JSON or WAV bytes, or throwing a
/// `ReviewError` that says what was wrong in one line; no HTTP in sight.
public actor ReviewSession {
    /// How the session was set up.
    public struct Setup: Sendable {
        public var script: Script
        public var cast: CastFile?
        /// The voices folder; its profiles are read again after every change.
        public var voicesFolder: String
        /// Whether the folder was named (`--voices`): then it must exist.
        public var requireVoices: Bool
        /// Where `save` writes the script's text form.
        public var savePath: String
        /// The input as given (the manuscript or script file), for messages.
        public var inputPath: String
        /// The installed espeak-ng voices.
        public var catalog: VoiceCatalog
        /// The engine that gives a lexicon's phonemes, and the command of the workers that measure each
        /// voice's level (none: words as written, voices unlevelled).
        public var engine: SpeechEngine?
        public var workerCommand: [String]?
        /// A lexicon over the voices folder's (`--lexicon`).
        public var lexicon: Lexicon?
        /// Where the speakers' measured levels are kept between runs (the book's render folder).
        public var levelsFile: URL?
        /// Scenes longer than this are planned as parts, as `render --part-minutes` plans them.
        public var partSeconds = ScenePlan.partSeconds

        /// Creates a setup.
        public init(
            script: Script, cast: CastFile?, voicesFolder: String, requireVoices: Bool, savePath: String,
            inputPath: String, catalog: VoiceCatalog
        ) {
            self.script = script
            self.cast = cast
            self.voicesFolder = voicesFolder
            self.requireVoices = requireVoices
            self.savePath = savePath
            self.inputPath = inputPath
            self.catalog = catalog
        }
    }

    private let setup: Setup
    private var script: Script
    private let positions: [Script.LinePosition]
    /// Every line as it was attributed when the session began: giving a line back its speaker undoes the edit.
    private let originals: [ScriptLine]
    /// Every character the session has seen, so that a speaker whose lines all went and came back keeps their gender.
    private var known: [Script.Character]
    private var production: Production
    private let audio: LineAudio

    /// Reads the voices folder and casts every speaker; a bad profile is an error here, before any page is served.
    public init(_ setup: Setup, audio: LineAudio) throws {
        self.setup = setup
        script = setup.script
        positions = setup.script.linePositions
        originals = positions.map { setup.script.scenes[$0.scene].lines[$0.line] }
        known = setup.script.characters
        self.audio = audio
        production = try ReviewSession.produce(setup.script, setup)
    }

    private static func produce(
        _ script: Script, _ setup: Setup, known: VoiceLevels = VoiceLevels()
    ) throws
        -> Production
    {
        var production = try Production(
            script: script, cast: setup.cast, voicesFolder: setup.voicesFolder, requireVoices: setup.requireVoices,
            catalog: setup.catalog, path: setup.inputPath)
        production.partSeconds = setup.partSeconds
        if let engine = setup.engine {
            try production.direct(
                engine: engine, workerCommand: setup.workerCommand, jobs: 1, lexicon: setup.lexicon, known: known,
                levelsFile: setup.levelsFile)
        }
        return production
    }

    /// Warnings the casting had (a language espeak-ng does not speak, …), to show once.
    public var warnings: [Diagnostic] { production.warnings }

    // MARK: The script

    /// `GET /api/script`: the script's JSON form, every line with its `id`.
    public func scriptJSON() throws -> Data {
        try ScriptJSON.encode(script, numberingLines: true, pretty: false)
    }

    /// `PATCH /api/lines/ID`: a dialogue line's new speaker, from `{"speaker": "NAME"}`.
    public func reassign(line id: String, body: Data) throws -> Data {
        let id = try lineID(id)
        guard
            let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let speaker = object["speaker"] as? String, object.count == 1
        else {
            throw ReviewError.badRequest("the body must be a JSON object {\"speaker\": \"NAME\"}")
        }
        var edited = script
        let line: ScriptLine
        do {
            line = try edited.reassign(
                line: id, to: speaker, original: originals[id], known: known, positions: positions)
        } catch {
            throw ReviewError.badRequest(error.description)
        }
        if edited != script {
            // A new speaker gets a voice (and the busiest choose first), as `render` would cast the saved script.
            production = try castOrFail(edited)
            script = edited
            for character in script.characters where !known.contains(where: { $0.name == character.name }) {
                known.append(character)
            }
        }
        return try ScriptJSON.encode(line, id: id)
    }

    /// `POST /api/save`: the script's text form written to the save path, atomically.
    public func save() throws -> Data {
        let text = ScriptTextFormatter().format(script)
        do {
            try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: setup.savePath))
        } catch {
            throw ReviewError.cannotWrite(setup.savePath, error)
        }
        return try json(["path": setup.savePath, "lines": positions.count])
    }

    /// The script as it is now (for tests and the command's own use).
    public var current: Script { script }

    // MARK: Audio

    /// `GET /api/lines/ID/audio`: the line alone in its speaker's current voice.
    public func lineAudio(_ id: String) throws -> LineAudio.Clip {
        try clip(lineID(id), casting: production.casting)
    }

    /// `POST /api/speakers/NAME/audition`: one of the speaker's lines (`line`, else their first) in
    /// voice settings that are tried, not kept.
    public func audition(_ name: String, body: Data) throws -> LineAudio.Clip {
        let speaker = try knownSpeaker(name)
        var fields = try profileFields(body)
        let requested = fields.removeValue(forKey: "line")
        let settings = try validated(fields, speaker: speaker).settings
        let id: Int
        if let requested {
            guard let number = requested as? Int, positions.indices.contains(number) else {
                throw ReviewError.badRequest("'line' must be the id of a line of the script")
            }
            guard speaks(speaker, line: number) else {
                throw ReviewError.badRequest("line \(number) is not spoken by \(speaker)")
            }
            id = number
        } else if let first = positions.indices.first(where: { speaks(speaker, line: $0) }) {
            id = first
        } else {
            throw ReviewError.badRequest("\(speaker) has no line to try the voice on")
        }
        // The tried voice is levelled as a kept one would be (measured once, then remembered).
        let trial = production.catalog.synthesisSettings(settings)
        if let command = setup.workerCommand, let engine = setup.engine,
            production.direction.levels.measured[VoiceLevels.key(of: trial)] == nil
        {
            let measured = try VoiceLevels.measure(
                [trial], workerCommand: command, sampleRate: engine.sampleRate, jobs: 1)
            production.direction.levels.measured.merge(measured) { _, new in new }
        }
        return try clip(id, casting: production.casting.trying(settings, for: speaker))
    }

    /// Whether the line is spoken in the speaker's voice (the narrator reads narration and headings too).
    private func speaks(_ speaker: String, line id: Int) -> Bool {
        let line = line(id)
        if speaker == ScriptLine.narrator { return line.kind != .dialogue || line.speaker == ScriptLine.narrator }
        return line.kind == .dialogue && line.speaker == speaker
    }

    private func clip(_ id: Int, casting: VoiceCasting) throws -> LineAudio.Clip {
        // The voices are levelled (and words said) as `render` would: the production's direction.
        let position = positions[id]
        do {
            return try audio.clip(
                of: script.scenes[position.scene], line: position.line, casting: casting,
                pauses: production.library.pauses, catalog: production.catalog, direction: production.direction,
                partSeconds: production.partSeconds)
        } catch let error as RenderError {
            throw ReviewError.cannotSpeak(error.errorDescription ?? "\(error)")
        }
    }

    // MARK: Voices

    /// `GET /api/speakers`: every speaker with a voice: the narrator, the characters, and `unknown` when it has lines.
    public func speakers() throws -> Data {
        try JSONSerialization.data(
            withJSONObject: speakerNames().map(speakerEntry), options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// `GET /api/voices`: the installed espeak-ng voices and variants, for the voice desk's lists.
    public func installedVoices() throws -> Data {
        let catalog = production.catalog
        return try json([
            "voices": catalog.voices.map {
                ["name": $0.name, "language": $0.language, "identifier": $0.identifier, "gender": $0.gender.rawValue]
            },
            "variants": catalog.variants.map {
                ["name": $0.name, "description": $0.description, "gender": $0.gender.rawValue]
            },
            "limits": [
                "rate": [80, 450], "pitch": [0, 100], "range": [0, 100], "volume": [0, 200], "wordgap": [0, 1000],
            ],
        ])
    }

    /// `PUT /api/speakers/NAME/voice`: the speaker's profile file written with these settings (checked
    /// as any profile is), then every speaker cast again; answers the speaker.
    public func keepVoice(_ name: String, body: Data) throws -> Data {
        let speaker = try knownSpeaker(name)
        let profile = try validated(profileFields(body), speaker: speaker)
        let folder = URL(fileURLWithPath: setup.voicesFolder)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var text =
                "# The voice of \(speaker), kept on the review page (audiobook review).\n" + profile.settings.yaml
            // The profile's own lexicon is kept as it was.
            let name = ((profile.path as NSString).lastPathComponent as NSString).deletingPathExtension
            if let lexicon = production.library.profiles[name]?.lexicon, !lexicon.isEmpty {
                text += "lexicon:\n"
                for entry in lexicon.entries.values.sorted(by: { $0.word < $1.word }) {
                    text += "  \(VoiceSettings.quoted(entry.word)): \(VoiceSettings.quoted(entry.text))\n"
                }
            }
            try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: profile.path))
        } catch {
            throw ReviewError.cannotWrite(profile.path, error)
        }
        production = try castOrFail(script)
        return try JSONSerialization.data(
            withJSONObject: speakerEntry(speaker), options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The profile file a speaker's voice is kept in: the profile their voice comes from now when it
    /// is a file of the voices folder (the cast's `voice:`, a profile named after an alias), else
    /// `DIR/NAME.yaml`. A name never leaves the folder, and never takes a reserved file's place.
    func profilePath(for speaker: String) throws -> String {
        let folder = URL(fileURLWithPath: setup.voicesFolder).standardizedFileURL
        if case .profile(let path) = production.casting.assignment(for: speaker).source,
            URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent() == folder
        {
            return path
        }
        let file = VoiceLibrary.fileName(for: speaker)
        guard !VoiceLibrary.reservedFiles.contains(file) else {
            throw ReviewError.badRequest(
                "a speaker named '\(speaker)' cannot have a profile file: \(file) is the voices folder's own")
        }
        let url = folder.appendingPathComponent(file).standardizedFileURL
        guard url.deletingLastPathComponent() == folder else {
            throw ReviewError.badRequest("the speaker name '\(speaker)' is not a file name in the voices folder")
        }
        return (setup.voicesFolder as NSString).appendingPathComponent(file)
    }

    private func speakerNames() -> [String] {
        var names = [ScriptLine.narrator] + script.characters.map(\.name)
        if script.dialogueCounts[ScriptLine.unknown] != nil { names.append(ScriptLine.unknown) }
        return names
    }

    private func knownSpeaker(_ raw: String) throws -> String {
        let name = raw.removingPercentEncoding ?? raw
        guard speakerNames().contains(name) else {
            throw ReviewError.notFound("no speaker '\(name)' in the script")
        }
        guard name != ScriptLine.unknown else {
            throw ReviewError.badRequest(
                "'unknown' lines take the narrator's voice: give them a speaker, or tune the narrator")
        }
        return name
    }

    private func speakerEntry(_ name: String) -> [String: Any] {
        let assignment = production.casting.assignment(for: name)
        let settings = assignment.settings
        var profile: [String: Any] = [
            "voice": settings.voice, "rate": settings.rate, "pitch": settings.pitch, "range": settings.range,
            "volume": settings.volume, "wordgap": settings.wordGap,
        ]
        if let variant = settings.variant { profile["variant"] = variant }
        let source: String
        switch assignment.source {
        case .profile(let path): source = path
        case .automatic: source = assignment.profile
        case .builtInNarrator: source = "built-in narrator voice"
        }
        let gender = known.first { $0.name == name }?.gender ?? .unknown
        var automatic = true
        if case .profile = assignment.source { automatic = false }
        return [
            "name": name, "gender": gender.rawValue, "lines": script.dialogueCounts[name, default: 0],
            "profile": profile, "automatic": automatic, "source": source, "reason": assignment.reason,
            "tunable": name != ScriptLine.unknown,
        ]
    }

    /// The body of a voice request: a JSON object of profile fields.
    private func profileFields(_ body: Data) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw ReviewError.badRequest(
                "the body must be a JSON object of profile fields (voice, variant, rate, pitch, range, volume, wordgap)"
            )
        }
        return object
    }

    /// Profile fields checked exactly as a profile file is: written as YAML (JSON is YAML) and read by the profile reader.
    private func validated(_ fields: [String: Any], speaker: String) throws -> VoiceProfile {
        let path = try profilePath(for: speaker)
        var lines: [String] = []
        let order = VoiceProfile.keys + fields.keys.filter { !VoiceProfile.keys.contains($0) }.sorted()
        for key in order {
            guard let value = fields[key], !(value is NSNull) else { continue }
            guard
                let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]),
                let scalar = String(data: data, encoding: .utf8)
            else { throw ReviewError.badRequest("the value of '\(key)' is not JSON") }
            let quotedKey = try JSONSerialization.data(withJSONObject: key, options: [.fragmentsAllowed])
            lines.append("\(String(decoding: quotedKey, as: UTF8.self)): \(scalar)")
        }
        let name = (((path as NSString).lastPathComponent) as NSString).deletingPathExtension
        do {
            return try VoiceProfile(
                path: path, text: lines.joined(separator: "\n") + "\n", name: name, catalog: production.catalog)
        } catch {
            throw ReviewError.badRequest(error.diagnostic.description)
        }
    }

    private func castOrFail(_ script: Script) throws -> Production {
        do {
            return try ReviewSession.produce(script, setup, known: production.direction.levels)
        } catch let error as ConfigError {
            throw ReviewError.badRequest(error.diagnostic.description)
        }
    }

    // MARK: Helpers

    private func lineID(_ text: String) throws -> Int {
        guard let id = Int(text), id >= 0 else { throw ReviewError.badRequest("'\(text)' is not a line id") }
        guard positions.indices.contains(id) else {
            throw ReviewError.notFound("no line \(id): the script has lines 0 to \(positions.count - 1)")
        }
        return id
    }

    private func line(_ id: Int) -> ScriptLine {
        let position = positions[id]
        return script.scenes[position.scene].lines[position.line]
    }

    private func json(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}

/// Why a review request failed, with the HTTP status it answers.
public enum ReviewError: Error, Sendable, Equatable {
    case badRequest(String)
    case notFound(String)
    case cannotWrite(String)

    /// A file that could not be written, with the reason (a render error already says both).
    static func cannotWrite(_ path: String, _ error: any Error) -> ReviewError {
        .cannotWrite(
            (error as? RenderError)?.errorDescription ?? "cannot write \(path): \(FileSystemReason.describe(error))")
    }
    case cannotSpeak(String)

    /// The HTTP status code.
    public var status: Int {
        switch self {
        case .badRequest: 400
        case .notFound: 404
        case .cannotWrite, .cannotSpeak: 500
        }
    }

    /// The one-line message.
    public var message: String {
        switch self {
        case .badRequest(let message), .notFound(let message), .cannotSpeak(let message): message
        case .cannotWrite(let message): message
        }
    }
}

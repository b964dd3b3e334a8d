import AudiobookCore
import Foundation

/// Everything a render needs, checked before any audio is written: the script,
/// the installed voices, the voices folder's profiles and pauses, and a voice for every speaker.
public struct Production: Sendable {
    public var script: Script
    public var catalog: VoiceCatalog
    public var library: VoiceLibrary
    public var casting: VoiceCasting
    public var cast: CastFile?
    /// What the user should know before listening: a language espeak-ng does not speak, text in a
    /// script its voice cannot read. Each is said once.
    public var warnings: [Diagnostic] = []
    /// Words said as the lexicons say, deliveries, levels: filled by `direct(engine:workerCommand:jobs:lexicon:)`.
    public var direction = SpeechDirection()
    /// A scene whose speech would pass this many seconds is written as parts (`ScenePlan.partSeconds`).
    public var partSeconds = ScenePlan.partSeconds

    /// Loads the voices folder (when it exists, or when `requireVoices`) and casts every speaker of the script.
    /// `path` names the input (manuscript or script file) in warnings.
    public init(
        script: Script, cast: CastFile?, voicesFolder: String, requireVoices: Bool, catalog: VoiceCatalog,
        path: String? = nil
    ) throws {
        self.script = script
        self.catalog = catalog
        self.cast = cast
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: voicesFolder, isDirectory: &isDirectory) || requireVoices {
            library = try VoiceLibrary(folder: voicesFolder, catalog: catalog)
        } else {
            library = VoiceLibrary(folder: voicesFolder)
        }
        let language = script.metadata.language
        casting = try VoiceCasting(
            speakers: Production.speakers(of: script, cast: cast), library: library, catalog: catalog,
            castPath: cast?.path, language: language)
        let path = path ?? script.source
        direction.deliveries = library.deliveries
        direction.lexicon = library.lexicon
        for scene in script.scenes {
            for line in scene.lines {
                guard let name = line.delivery, library.deliveries.delivery(named: name) == nil else { continue }
                throw ConfigError(
                    path: path, line: line.sourceLine,
                    message:
                        "unknown delivery {\(name)} (known: \(library.deliveries.names.joined(separator: ", ")); add it to \(VoiceLibrary.deliveryFile) in the voices folder)"
                )
            }
        }
        if let language, BookMetadata.primaryLanguage(of: language) != "en", casting.bookVoices.isEmpty {
            warnings.append(
                Diagnostic(
                    path: path, severity: .warning,
                    message:
                        "espeak-ng has no voice for the book's language '\(language)'; it is read with English voices (see `audiobook voices`)"
                ))
        }
        if let warning = Production.unreadableScript(in: script, casting: casting, catalog: catalog, path: path) {
            warnings.append(warning)
        }
    }

    /// Writing systems an espeak-ng voice reads only when it is of their language; any other voice
    /// spells each character out (`Chinese letter …`).
    static let scripts: [(name: String, ranges: [ClosedRange<UInt32>], languages: Set<String>, tag: String)] = [
        (
            "Chinese", [0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0xF900...0xFAFF],
            ["cmn", "yue", "hak", "ja"], "zh"
        ),
        ("Japanese", [0x3040...0x309F, 0x30A0...0x30FF], ["ja"], "ja"),
        ("Korean", [0xAC00...0xD7AF, 0x1100...0x11FF], ["ko"], "ko"),
    ]

    /// The first line in Chinese, Japanese or Korean script whose voice cannot read it: one warning for the book.
    static func unreadableScript(
        in script: Script, casting: VoiceCasting, catalog: VoiceCatalog, path: String
    ) -> Diagnostic? {
        for scene in script.scenes {
            for line in scene.lines {
                guard line.text.unicodeScalars.contains(where: { $0.value >= 0x1100 }) else { continue }
                for (name, ranges, languages, tag) in scripts {
                    guard
                        line.text.unicodeScalars.contains(where: { scalar in
                            ranges.contains { $0.contains(scalar.value) }
                        })
                    else { continue }
                    let voice = casting.assignment(for: line.speaker).settings.voice
                    guard let spoken = catalog.primaryLanguage(ofVoice: voice), !languages.contains(spoken) else {
                        continue
                    }
                    return Diagnostic(
                        path: path, line: line.sourceLine, severity: .warning,
                        message:
                            "this line is in \(name) script, which the voice \(voice) cannot read (espeak-ng spells each character out); give the book's language (--language \(tag), or lang: in the front matter) or a voice that reads it (warned once)"
                    )
                }
            }
        }
        return nil
    }

    /// Every dialogue speaker with their gender, line count and the profile the cast names.
    public static func speakers(of script: Script, cast: CastFile?) -> [VoiceCasting.Speaker] {
        let counts = script.dialogueCounts
        return counts.keys.sorted().map { name in
            let character = script.characters.first { $0.name == name }
            let entry = cast?.characters.first { $0.name == name }
            var aliases = entry?.aliases ?? []
            aliases += (character?.aliases ?? []).filter { !aliases.contains($0) }
            return VoiceCasting.Speaker(
                name: name, gender: entry?.gender ?? character?.gender ?? .unknown,
                lines: counts[name] ?? 0, castVoice: entry?.voice ?? character?.voice, aliases: aliases)
        }
    }

    /// The scenes, planned for speaking.
    public var plans: [ScenePlan] {
        ScenePlan.plans(
            for: script, casting: casting, pauses: library.pauses, catalog: catalog, direction: direction,
            partSeconds: partSeconds)
    }

    /// Every voice the production speaks in (as the catalog's voice files), before any delivery.
    public var voices: [VoiceSettings] {
        let speakers = Set(script.dialogueCounts.keys).union([ScriptLine.narrator])
        return speakers.sorted().map { catalog.synthesisSettings(casting.assignment(for: $0).settings) }
    }

    /// The file in a book's output folder where its speakers' measured levels are kept.
    public static let levelsFileName = ".audiobook/voice-levels"

    /// Where the levels of `book` rendered under `outputRoot` (`Output`) are kept.
    public static func levelsFile(ofBook book: String, in outputRoot: String) -> URL {
        URL(fileURLWithPath: outputRoot).appendingPathComponent(book).appendingPathComponent(levelsFileName)
    }

    /// Readies what is spoken: the lexicons (the voices folder's, then `lexicon`'s entries over it, then
    /// each profile's own) as phonemes in every voice that says them, and, with a worker command,
    /// every voice's level measured so that all speak at one level.
    public mutating func direct(
        engine: SpeechEngine, workerCommand: [String]?, jobs: Int, lexicon extra: Lexicon? = nil,
        known: VoiceLevels = VoiceLevels(), levelsFile: URL? = nil
    ) throws {
        if let extra { direction.lexicon = library.lexicon.merging(extra) }
        var pronouncer = Pronouncer(engine: engine)
        let voices = self.voices
        if !direction.lexicon.isEmpty {
            for voice in Set(voices.map(\.voice)).sorted() {
                direction.bookWords[voice] = try pronouncer.words(of: direction.lexicon, voice: voice)
            }
        }
        for (name, profile) in library.profiles where !profile.lexicon.isEmpty {
            direction.profileLexicons[name] = profile.lexicon
            direction.profileWords[name] = try pronouncer.words(of: profile.lexicon, voice: profile.settings.voice)
        }
        if let workerCommand {
            // Only voices not measured before are spoken (the review page casts again after every
            // change; a render finds the levels of the one before it in `levelsFile`).
            var levels = known
            if let levelsFile, let data = try? Data(contentsOf: levelsFile),
                let saved = try? JSONDecoder().decode(VoiceLevels.self, from: data)
            {
                levels.measured.merge(saved.measured) { old, _ in old }
            }
            let missing = voices.filter { levels.measured[VoiceLevels.key(of: $0)] == nil }
            if !missing.isEmpty {
                levels.measured.merge(
                    try VoiceLevels.measure(
                        missing, workerCommand: workerCommand, sampleRate: engine.sampleRate, jobs: jobs)
                ) { _, new in new }
                if let levelsFile {
                    // Only this book's current measures are kept; a file that cannot be written costs time only.
                    var current = VoiceLevels()
                    for key in voices.map(VoiceLevels.key(of:)) { current.measured[key] = levels.measured[key] }
                    if let data = try? JSONEncoder().encode(current),
                        (try? FileManager.default.createDirectory(
                            at: levelsFile.deletingLastPathComponent(), withIntermediateDirectories: true)) != nil
                    {
                        try? AtomicFile.write(data, to: levelsFile)
                    }
                }
            }
            direction.levels = levels
        }
    }
}

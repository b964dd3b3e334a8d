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

    /// Loads the voices folder (when it exists, or when `requireVoices`) and casts every speaker of the script.
    public init(script: Script, cast: CastFile?, voicesFolder: String, requireVoices: Bool, catalog: VoiceCatalog) throws {
        self.script = script
        self.catalog = catalog
        self.cast = cast
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: voicesFolder, isDirectory: &isDirectory) || requireVoices {
            library = try VoiceLibrary(folder: voicesFolder, catalog: catalog)
        } else {
            library = VoiceLibrary(folder: voicesFolder)
        }
        casting = try VoiceCasting(speakers: Production.speakers(of: script, cast: cast), library: library, catalog: catalog, castPath: cast?.path)
    }

    /// Every dialogue speaker with their gender, line count and the profile the cast names.
    public static func speakers(of script: Script, cast: CastFile?) -> [VoiceCasting.Speaker] {
        let counts = script.dialogueCounts
        return counts.keys.sorted().map { name in
            let character = script.characters.first { $0.name == name }
            let entry = cast?.characters.first { $0.name == name }
            var aliases = entry?.aliases ?? []
            aliases += (character?.aliases ?? []).filter { !aliases.contains($0) }
            return VoiceCasting.Speaker(name: name, gender: entry?.gender ?? character?.gender ?? .unknown,
                                        lines: counts[name] ?? 0, castVoice: entry?.voice ?? character?.voice, aliases: aliases)
        }
    }

    /// The scenes, planned for speaking.
    public var plans: [ScenePlan] { ScenePlan.plans(for: script, casting: casting, pauses: library.pauses, catalog: catalog) }
}

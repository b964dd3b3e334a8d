import Foundation

/// The voices folder: one profile per `PROFILE.yaml`, plus `pauses.yaml` and an optional `cast.yaml`.
public struct VoiceLibrary: Sendable {
    /// The folder as given.
    public var folder: String
    /// Profiles by name (file name without `.yaml`).
    public var profiles: [String: VoiceProfile]
    /// The silences between lines.
    public var pauses: PauseSettings
    /// `lexicon.yaml`: how words are said (empty when there is none).
    public var lexicon = Lexicon()
    /// The deliveries: built in, changed by `delivery.yaml`.
    public var deliveries = DeliveryTable.builtIn

    /// Files in the folder that are not voice profiles.
    public static let reservedFiles: Set<String> = [
        PauseSettings.fileName, "cast.yaml", VoiceLibrary.lexiconFile, VoiceLibrary.deliveryFile,
    ]
    /// The book-wide pronunciation lexicon in the folder.
    public static let lexiconFile = "lexicon.yaml"
    /// The delivery table's changes in the folder.
    public static let deliveryFile = "delivery.yaml"

    /// An empty library with default pauses.
    public init(folder: String) {
        self.folder = folder
        profiles = [:]
        pauses = PauseSettings()
    }

    /// Reads and checks every profile in a folder; the first problem is an error naming its file and line.
    public init(folder: String, catalog: VoiceCatalog?) throws(ConfigError) {
        self.init(folder: folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConfigError(path: folder, line: nil, message: "voices folder \(folder) does not exist")
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for file in names where file.hasSuffix(".yaml") && !file.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(file)
            if file == PauseSettings.fileName {
                pauses = try PauseSettings(contentsOf: path)
                continue
            }
            if file == VoiceLibrary.lexiconFile {
                lexicon = try Lexicon(contentsOf: path)
                continue
            }
            if file == VoiceLibrary.deliveryFile {
                deliveries = try DeliveryTable(
                    contentsOf: path, variants: catalog.map { Set($0.variants.map(\.name)) })
                continue
            }
            if VoiceLibrary.reservedFiles.contains(file) { continue }
            let name = String(file.dropLast(5))
            profiles[name] = try VoiceProfile(contentsOf: path, name: name, catalog: catalog)
        }
    }

    /// The profile file name for a speaker: the name itself, made safe for a file system.
    public static func fileName(for speaker: String) -> String {
        var name = String(
            speaker.unicodeScalars.map { scalar -> Character in
                if scalar == "/" || scalar == "\\" || scalar == ":" || scalar.properties.generalCategory == .control {
                    return "_"
                }
                return Character(scalar)
            })
        while name.hasPrefix(".") { name.removeFirst() }
        if name.isEmpty { name = "speaker" }
        return String(name.prefix(120)) + ".yaml"
    }

    /// The profile named exactly like a speaker (or like its safe file name).
    public func profile(forSpeaker speaker: String) -> VoiceProfile? {
        profiles[speaker] ?? profiles[String(VoiceLibrary.fileName(for: speaker).dropLast(5))]
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Audio of an earlier render, found again: the scene WAVs themselves, indexed by
/// a small record per scene (`BOOK/.audiobook/scene-NNN.json`) that says which
/// unit's lines lie where. A record counts only while its WAV is exactly the file
/// it describes (same size, modification time and inode), so an interrupted or
/// hand-edited render is never trusted. The cache never grows beyond the WAVs.
final class AudioCache: @unchecked Sendable {
    /// Where one line's samples lie.
    struct Segment: Codable, Equatable {
        var start: Int
        var count: Int
    }

    struct UnitRecord: Codable, Equatable {
        var key: String
        var lines: [Segment]
        /// `AudioChecksum` of the unit's samples (its lines', without the pauses between them);
        /// records written before checksums have none.
        var checksum: String?
    }

    /// What a scene's WAV holds.
    struct SceneRecord: Codable, Equatable {
        var version = 1
        var file: String
        var size: Int64
        var modified: Int64
        var inode: UInt64
        /// Hash of everything in the scene's audio: its units, pauses and sample rate.
        var sceneKey: String
        var sampleCount: Int
        var units: [UnitRecord]

        /// The file the record describes.
        var stamp: FileStamp { FileStamp(size: size, modified: modified, inode: inode) }
    }

    /// A unit's lines in an earlier WAV.
    struct Location {
        var file: URL
        var lines: [Segment]
        var checksum: String?
    }

    let folder: URL
    let recordFolder: URL
    private(set) var scenes: [String: SceneRecord] = [:]
    private var units: [String: Location] = [:]
    /// What was found wrong and set aside: a record that cannot be read, a WAV changed behind its back.
    private(set) var warnings: [String] = []

    /// Reads the records of `folder` (none when `enabled` is false). A record counts only while its WAV
    /// is the very file it describes: same size, modification time and inode, and the header it was
    /// written with (a file overwritten in place with the same size and time is caught there).
    /// `sources` are other folders of the same book (the shards' output folders, for `assemble`):
    /// their units are found too, but their scenes are never this folder's.
    init(folder: URL, enabled: Bool, sampleRate: Int, sources: [URL] = []) {
        self.folder = folder
        recordFolder = folder.appendingPathComponent(".audiobook")
        guard enabled else { return }
        load(folder, sampleRate: sampleRate, own: true)
        for source in sources where source.standardizedFileURL != folder.standardizedFileURL {
            load(source, sampleRate: sampleRate, own: false)
        }
    }

    /// Scene records of the source folders (by file name), current or not: what a shard rendered.
    private(set) var sourceScenes: [String: [SceneRecord]] = [:]

    private func load(_ folder: URL, sampleRate: Int, own: Bool) {
        let recordFolder = folder.appendingPathComponent(".audiobook")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: recordFolder.path) else { return }
        let decoder = JSONDecoder()
        for name in names.sorted() where name.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: recordFolder.appendingPathComponent(name).path) else {
                continue
            }
            guard let record = try? decoder.decode(SceneRecord.self, from: data) else {
                warnings.append(
                    "\(recordFolder.appendingPathComponent(name).relativePath): warning: a cache record that cannot be read; its scene is rendered afresh"
                )
                continue
            }
            let wav = folder.appendingPathComponent(record.file)
            guard let stamp = FileStamp(wav), stamp == record.stamp else { continue }
            let expected = try? WAVWriter.header(sampleRate: sampleRate, sampleCount: record.sampleCount, for: wav)
            let handle = FileHandle(forReadingAtPath: wav.path)
            let header = try? handle?.read(upToCount: 44)
            try? handle?.close()
            guard let expected, header == expected, stamp.size == Int64(44 + record.sampleCount * 2) else {
                warnings.append(
                    "\(wav.relativePath): warning: the file was changed behind the render's back (it is not the WAV its record describes); it is rendered afresh"
                )
                continue
            }
            if own { scenes[record.file] = record } else { sourceScenes[record.file, default: []].append(record) }
            for unit in record.units where units[unit.key] == nil {
                units[unit.key] = Location(
                    file: folder.appendingPathComponent(record.file), lines: unit.lines, checksum: unit.checksum)
            }
        }
    }

    /// Where an earlier render has a unit's audio.
    func location(of key: String) -> Location? { units[key] }

    /// Whether a unit's audio is still what its record says: its samples read back against the
    /// record's checksum (a unit recorded without one is taken as it is). A unit that is not is
    /// forgotten, with a warning, so that it is spoken again.
    func verify(_ key: String) -> Bool {
        guard let location = units[key] else { return false }
        guard let expected = location.checksum else { return true }
        var checksum = AudioChecksum()
        var good = true
        do {
            let handle = try FileHandle(forReadingFrom: location.file)
            defer { try? handle.close() }
            for segment in location.lines {
                try handle.seek(toOffset: UInt64(44 + segment.start * 2))
                var remaining = segment.count * 2
                while remaining > 0 {
                    guard let data = try handle.read(upToCount: min(remaining, 1 << 20)), !data.isEmpty else {
                        good = false
                        break
                    }
                    data.withUnsafeBytes { checksum.combine($0) }
                    remaining -= data.count
                }
            }
        } catch {
            good = false
        }
        if good, checksum.hex == expected { return true }
        units[key] = nil
        let name = location.file.relativePath
        if !warnedFiles.contains(name) {
            warnedFiles.insert(name)
            warnings.append(
                "\(name): warning: audio in the file is not what its record says (changed behind the render's back); those lines are spoken again"
            )
        }
        return false
    }

    private var warnedFiles: Set<String> = []

    /// Copies samples of an earlier WAV into a writer, a chunk at a time.
    static func copy(_ segment: Segment, from file: URL, to writer: WAVWriter, checksum: inout AudioChecksum) throws {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(44 + segment.start * 2))
        var remaining = segment.count * 2
        while remaining > 0 {
            guard let data = try handle.read(upToCount: min(remaining, 1 << 20)), !data.isEmpty else {
                throw RenderError.cannotWrite(
                    path: writer.destination.path, reason: "\(file.path) is shorter than its cache record")
            }
            let bytes = [UInt8](data)
            checksum.combine(bytes)
            try writer.write(pcm: bytes)
            remaining -= data.count
        }
    }

    /// Records what a freshly written scene WAV holds, from its temporary file before it is
    /// renamed into place: a rename keeps size, modification time and inode, so the record is
    /// valid exactly from the moment the file is in place.
    func record(file: String, writtenAt temporary: URL, sceneKey: String, sampleCount: Int, units: [UnitRecord]) throws
    {
        guard let stamp = FileStamp(temporary) else { return }
        try FileManager.default.createDirectory(at: recordFolder, withIntermediateDirectories: true)
        let record = SceneRecord(
            file: file, size: stamp.size, modified: stamp.modified, inode: stamp.inode,
            sceneKey: sceneKey, sampleCount: sampleCount, units: units)
        try FileStamp.writeRecord(record, to: recordFolder.appendingPathComponent(recordName(file)))
    }

    /// Removes the records of files this render did not produce, so the index holds only what is current.
    func prune(keeping files: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: recordFolder.path) else { return }
        let keep = Set(files.map(recordName))
        // Folders here (the audiobook pieces) keep their own records.
        for name in names where !keep.contains(name) && name.hasSuffix(".json") {
            try? FileManager.default.removeItem(at: recordFolder.appendingPathComponent(name))
        }
    }

    func recordName(_ file: String) -> String {
        ((file as NSString).deletingPathExtension) + ".json"
    }
}

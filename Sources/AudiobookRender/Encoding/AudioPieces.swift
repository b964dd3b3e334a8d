import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Each scene's audio encoded on its own (AAC in ADTS frames), kept beside the scene's WAV in
/// `BOOK/.audiobook/pieces/` with a record like the WAV's, so that an audiobook file is put
/// together from the pieces by copying their frames, never by encoding the book again.
///
/// The pieces join without a gap and without drift: a scene's WAV opens with at least one AAC
/// frame of silence and holds a whole number of frames (the renderer sees to both), and its piece
/// is encoded from the WAV without that first frame, which the encoder's own delay (one frame)
/// takes the place of. A piece then decodes to exactly its WAV's samples, so the pieces one after
/// another are the scenes one after another, sample for sample, and chapter marks placed from the
/// WAVs' sample counts fall where their lines are.
public struct AudioPieces: Sendable {
    /// Samples in one AAC frame, and the encoder's delay.
    public static let frameSamples = 1024

    /// How the pieces are encoded (part of every piece's cache key).
    public struct Settings: Sendable, Equatable {
        /// ffmpeg's arguments for the codec.
        public var codecArguments: [String]
        /// The file name extension of a piece.
        public var fileExtension: String

        /// ffmpeg's native AAC at 64 kb/s with its fast coder: measured on this project's speech
        /// (319 s of PrideAndPrejudice), 4.3 times as fast as the default two-loop coder, with a
        /// difference signal 4.8 dB lower (README, "Encoding the audiobook file").
        public static let aac = Settings(
            codecArguments: ["-c:a", "aac", "-aac_coder", "fast", "-b:a", "64k", "-f", "adts"], fileExtension: "aac")

        var key: String { codecArguments.joined(separator: " ") }
    }

    /// An encoded scene.
    public struct Piece: Sendable, Equatable {
        /// The piece's file.
        public var file: URL
        /// The samples it decodes to: its scene WAV's.
        public var sampleCount: Int
    }

    /// What a piece holds and what it was made from.
    struct Record: Codable, Equatable {
        var version = 1
        var file: String
        var stamp: FileStamp
        /// The scene key of the WAV it was encoded from, and the encoder settings.
        var sceneKey: String
        var settings: String
        var sampleCount: Int
    }

    /// `BOOK/.audiobook/pieces`.
    public let folder: URL
    public let settings: Settings

    /// The pieces of a book folder.
    public init(bookFolder: URL, settings: Settings = .aac) {
        folder = bookFolder.appendingPathComponent(".audiobook/pieces")
        self.settings = settings
    }

    /// The silence that makes `sampleCount` samples a whole number of frames.
    public static func padding(after sampleCount: Int) -> Int {
        (frameSamples - sampleCount % frameSamples) % frameSamples
    }

    /// The piece file of a scene WAV (`scene-001.wav` → `scene-001.aac`).
    public func pieceFile(for wav: String) -> URL {
        folder.appendingPathComponent((wav as NSString).deletingPathExtension + "." + settings.fileExtension)
    }

    func recordFile(for wav: String) -> URL {
        folder.appendingPathComponent((wav as NSString).deletingPathExtension + ".json")
    }

    /// The scene's piece, when one was encoded from audio with this scene key and these settings
    /// and is still exactly the file its record describes.
    public func current(wav: String, sceneKey: String) -> Piece? {
        guard let data = FileManager.default.contents(atPath: recordFile(for: wav).path),
            let record = try? JSONDecoder().decode(Record.self, from: data),
            record.sceneKey == sceneKey, record.settings == settings.key,
            FileStamp(pieceFile(for: wav)) == record.stamp
        else { return nil }
        return Piece(file: pieceFile(for: wav), sampleCount: record.sampleCount)
    }

    /// Encodes a scene WAV of `sampleCount` samples (a whole number of frames, opening with a
    /// silent one) into its piece, with ffmpeg, atomically; the record follows the piece.
    public func encode(wav: URL, sceneKey: String, sampleCount: Int, ffmpeg: String) throws -> Piece {
        precondition(sampleCount % Self.frameSamples == 0, "a scene WAV holds whole AAC frames")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let destination = pieceFile(for: wav.lastPathComponent)
        let temporary = AtomicFile.temporaryURL(for: destination)
        defer { try? FileManager.default.removeItem(at: temporary) }
        if sampleCount > 0 {
            // Without the opening silent frame: the encoder's delay stands in its place.
            let arguments =
                [
                    "-nostdin", "-y", "-loglevel", "error", "-threads", "1", "-i", wav.path,
                    "-af", "atrim=start_sample=\(Self.frameSamples)",
                ]
                + settings.codecArguments + [temporary.path]
            try FFmpeg.run(ffmpeg, arguments, making: destination)
        } else {
            try Data().write(to: temporary)
        }
        guard let stamp = FileStamp(temporary) else {
            throw RenderError.cannotWrite(path: destination.path, reason: "ffmpeg wrote no file")
        }
        let record = Record(
            file: destination.lastPathComponent, stamp: stamp, sceneKey: sceneKey, settings: settings.key,
            sampleCount: sampleCount)
        // The record is valid from the moment the piece is in place (a rename keeps size, time and inode);
        // a piece in place whose record is stale is simply encoded again.
        try AtomicFile.replace(destination, with: temporary)
        try FileStamp.writeRecord(record, to: recordFile(for: wav.lastPathComponent))
        return Piece(file: destination, sampleCount: sampleCount)
    }

    /// Copies a current piece of another folder of the book (a shard's) into these pieces, atomically,
    /// with its record; nil when it cannot be copied (it is then encoded here).
    public func adopt(_ piece: Piece, wav: String, sceneKey: String) -> Piece? {
        let destination = pieceFile(for: wav)
        let temporary = AtomicFile.temporaryURL(for: destination)
        defer { try? FileManager.default.removeItem(at: temporary) }
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil,
            (try? FileManager.default.copyItem(at: piece.file, to: temporary)) != nil,
            let stamp = FileStamp(temporary)
        else { return nil }
        let record = Record(
            file: destination.lastPathComponent, stamp: stamp, sceneKey: sceneKey, settings: settings.key,
            sampleCount: piece.sampleCount)
        guard (try? AtomicFile.replace(destination, with: temporary)) != nil,
            (try? FileStamp.writeRecord(record, to: recordFile(for: wav))) != nil
        else { return nil }
        return Piece(file: destination, sampleCount: piece.sampleCount)
    }

    /// Removes the pieces (and records) of scenes the book no longer has.
    public func prune(keeping wavs: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        let keep = Set(wavs.map { ($0 as NSString).deletingPathExtension })
        for name in names where !keep.contains((name as NSString).deletingPathExtension) && !name.hasPrefix(".") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}

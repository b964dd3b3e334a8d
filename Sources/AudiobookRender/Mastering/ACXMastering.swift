import AudiobookCore
import Foundation

/// A submission-ready set made from a render (`render --acx`): one MP3 per chapter (constant
/// 192 kbps, 44.1 kHz, mono), each with room tone at the head and tail, brought to an RMS of
/// −20 dB with peaks limited below −3 dB, a faint noise floor instead of digital silence, and no
/// file over two hours (a long chapter is cut at a scene boundary, else between paragraphs).
/// `acx-report.txt` lists each file's measures, taken again from the MP3 itself.
public struct ACXMastering: Sendable {
    /// Room tone written at the head and the tail, in seconds.
    public var headSeconds = 0.75
    public var tailSeconds = 2.5
    /// The RMS a file is brought to, and the ceiling its peaks are limited to (below ACX's −3 dB,
    /// for the overshoot of resampling and MP3 coding).
    public var targetRMS = -20.0
    public var ceiling = -5.0
    /// The room tone's level (dBFS RMS): well under ACX's −60 dB floor, and not digital silence.
    public var roomToneLevel = -72.0
    public var limits = ACXLimits()
    /// How many files are made at once.
    public var jobs = 1

    /// Creates mastering with ACX's limits.
    public init() {}

    /// One file of the set: the scenes (or part of one) it holds.
    public struct Part: Sendable, Equatable {
        public var name: String
        public var chapter: String?
        /// Pieces of scene WAVs: scene index in the render and a sample range of it.
        public var pieces: [(scene: Int, samples: Range<Int>)]

        public static func == (lhs: Part, rhs: Part) -> Bool {
            lhs.name == rhs.name && lhs.chapter == rhs.chapter
                && lhs.pieces.map { "\($0.scene):\($0.samples)" } == rhs.pieces.map { "\($0.scene):\($0.samples)" }
        }
    }

    /// The files of a render: a chapter per file (scenes with the same chapter title in a row),
    /// each cut so that no part holds more than `maximumSamples` of speech; a cut falls at the
    /// last scene boundary that fits, else at the last paragraph boundary that fits, else anywhere.
    public static func parts(
        of scenes: [RenderedScene], plans: [ScenePlan], maximumSamples: Int
    ) -> [Part] {
        var chapters: [(title: String?, scenes: [Int])] = []
        for (index, scene) in scenes.enumerated() {
            if let last = chapters.last, last.title == scene.chapter, scene.chapter != nil {
                chapters[chapters.count - 1].scenes.append(index)
            } else {
                chapters.append((scene.chapter, [index]))
            }
        }
        var parts: [Part] = []
        for (number, chapter) in chapters.enumerated() {
            // Every place a cut may fall: (scene, sample, is a scene boundary).
            var cuts: [(scene: Int, sample: Int, sceneBoundary: Bool)] = []
            var offsets: [Int: Int] = [:]
            var total = 0
            for scene in chapter.scenes {
                offsets[scene] = total
                cuts.append((scene, 0, true))
                let plan = plans.first { $0.fileName == scenes[scene].file }
                var previousParagraph: Int?
                for cue in scenes[scene].cues {
                    let paragraph = plan?.lines.first { $0.number == cue.line }?.line.paragraph
                    if let previousParagraph, paragraph != previousParagraph {
                        cuts.append((scene, cue.startSample, false))
                    }
                    previousParagraph = paragraph
                }
                total += scenes[scene].sampleCount
            }
            func position(_ cut: (scene: Int, sample: Int, sceneBoundary: Bool)) -> Int {
                offsets[cut.scene]! + cut.sample
            }
            var starts: [Int] = [0]
            while total - starts.last! > maximumSamples {
                let start = starts.last!
                let fitting = cuts.filter { position($0) > start && position($0) <= start + maximumSamples }
                let cut =
                    fitting.last(where: \.sceneBoundary).map(position) ?? fitting.last.map(position)
                    ?? start + maximumSamples
                starts.append(cut)
            }
            let base = "chapter-" + String(format: "%02d", number + 1)
            for (partIndex, start) in starts.enumerated() {
                let end = partIndex + 1 < starts.count ? starts[partIndex + 1] : total
                var pieces: [(scene: Int, samples: Range<Int>)] = []
                for scene in chapter.scenes {
                    let lower = offsets[scene]!
                    let upper = lower + scenes[scene].sampleCount
                    guard max(lower, start) < min(upper, end) else { continue }
                    let clipped = max(lower, start)..<min(upper, end)
                    pieces.append((scene, (clipped.lowerBound - lower)..<(clipped.upperBound - lower)))
                }
                let name = starts.count > 1 ? "\(base)-part-\(partIndex + 1).mp3" : "\(base).mp3"
                parts.append(Part(name: name, chapter: chapter.title, pieces: pieces))
            }
        }
        return parts
    }

    /// Writes the set into `folder/acx` (each file in place only when whole) and `folder/acx-report.txt`;
    /// returns each file's measures.
    public func write(
        _ summary: BookRenderer.Summary, plans: [ScenePlan], folder: URL
    ) throws -> [AudioMeasures] {
        let ffmpeg = try FFmpeg.find(for: "the ACX set (--acx)")
        let sampleRate = summary.sampleRate
        let output = folder.appendingPathComponent("acx")
        try BookRenderer.createFolder(output)
        // Room tone counts towards the two hours; leave it room.
        let maximum = Int((limits.maximumMinutes * 60 - headSeconds - tailSeconds - 60) * Double(sampleRate))
        let parts = ACXMastering.parts(of: summary.scenes, plans: plans, maximumSamples: maximum)
        // Files are made side by side, `jobs` at a time: encoding dominates, and LAME uses one core.
        let results = PartResults(count: parts.count)
        let slots = DispatchSemaphore(value: max(1, jobs))
        let mastering = self
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            slots.wait()
            defer { slots.signal() }
            let result = Result { () throws -> AudioMeasures in
                try mastering.writePart(
                    parts[index], number: index, summary: summary, folder: folder, output: output, ffmpeg: ffmpeg)
            }
            results.set(index, result)
        }
        let measures = try results.all.map { try $0!.get() }
        // Files of an earlier set that this one no longer has go.
        let names = Set(parts.map(\.name))
        for old in (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        where old.hasSuffix(".mp3") && !names.contains(old) {
            try? FileManager.default.removeItem(at: output.appendingPathComponent(old))
        }
        try AtomicFile.write(
            Data(ACXMastering.report(measures, limits: limits, folder: "acx").utf8),
            to: folder.appendingPathComponent("acx-report.txt"))
        return measures
    }

    /// Makes one file of the set and measures it.
    func writePart(
        _ part: Part, number: Int, summary: BookRenderer.Summary, folder: URL, output: URL, ffmpeg: String
    ) throws -> AudioMeasures {
        let sampleRate = summary.sampleRate
        var samples: [Float] = []
        for piece in part.pieces {
            let wav = folder.appendingPathComponent(summary.scenes[piece.scene].file)
            samples += try ACXMastering.read(wav, samples: piece.samples)
        }
        let speech = trimmed(samples)
        samples = []
        var mastered = [Float](repeating: 0, count: Int(headSeconds * Double(sampleRate)))
        mastered += leveled(speech, sampleRate: sampleRate)
        mastered += [Float](repeating: 0, count: Int(tailSeconds * Double(sampleRate)))
        // Each file's room tone from its own seed: the same whichever file is made first.
        var noise = RoomTone(level: roomToneLevel, seed: UInt64(number))
        for index in mastered.indices { mastered[index] += noise.next() }
        let destination = output.appendingPathComponent(part.name)
        try encode(mastered, sampleRate: sampleRate, to: destination, ffmpeg: ffmpeg, title: part.chapter)
        return try AudioMeasures.measure(file: destination)
    }

    /// The report: one line per file, then how many pass.
    public static func report(_ measures: [AudioMeasures], limits: ACXLimits, folder: String) -> String {
        var text =
            "ACX check of \(folder)/: RMS \(Int(limits.rms.lowerBound)) to \(Int(limits.rms.upperBound)) dB, peak at most \(Int(limits.maximumPeak)) dB, noise floor at most \(Int(limits.maximumNoiseFloor)) dB, room tone \(limits.head.lowerBound)–\(limits.head.upperBound) s at the head and \(limits.tail.lowerBound)–\(limits.tail.upperBound) s at the tail, at most \(Int(limits.maximumMinutes)) minutes; MP3: constant \(limits.bitRate / 1000) kbps, \(limits.sampleRate) Hz, mono\n"
        for measure in measures { text += measure.reportLine(limits) + "\n" }
        let failing = measures.filter { !$0.failures(limits).isEmpty }.count
        text += "\(measures.count - failing) of \(measures.count) files pass\n"
        return text
    }

    /// A WAV's samples in a range, as floats.
    static func read(_ url: URL, samples range: Range<Int>) throws -> [Float] {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw RenderError.cannotRead(path: url.relativePath, reason: FileSystemReason.describe(error))
        }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(44 + range.lowerBound * 2))
        return SampleBytes.floats(fromLittleEndian: try handle.read(upToCount: range.count * 2) ?? Data())
    }

    /// The samples without the silence before the first sound and after the last.
    func trimmed(_ samples: [Float]) -> [Float] {
        let threshold: Float = 0.0005
        guard let first = samples.firstIndex(where: { abs($0) > threshold }),
            let last = samples.lastIndex(where: { abs($0) > threshold })
        else { return [] }
        return Array(samples[first...last])
    }

    /// The speech brought to `targetRMS` (counting the room tone about it) with its peaks held under
    /// `ceiling` by a look-ahead limiter; twice, since limiting lowers the RMS a little.
    func leveled(_ speech: [Float], sampleRate: Int) -> [Float] {
        guard !speech.isEmpty else { return speech }
        let padding = Double(Int(headSeconds * Double(sampleRate)) + Int(tailSeconds * Double(sampleRate)))
        var result = speech
        for _ in 0..<3 {
            var power = 0.0
            for sample in result { power += Double(sample) * Double(sample) }
            let rms = 10 * log10(max(power, 1e-20) / (Double(result.count) + padding))
            let gain = Float(pow(10, (targetRMS - rms) / 20))
            if abs(targetRMS - rms) < 0.05 { break }
            for index in result.indices { result[index] *= gain }
            PeakLimiter(ceiling: Float(pow(10, ceiling / 20)), sampleRate: sampleRate).limit(&result)
        }
        return result
    }

    /// Encodes float samples as a constant-bit-rate MP3 at 44.1 kHz (in place only when whole).
    func encode(_ samples: [Float], sampleRate: Int, to destination: URL, ffmpeg: String, title: String?) throws {
        let pcm = destination.deletingLastPathComponent().appendingPathComponent(
            ".\(destination.lastPathComponent).pcm")
        let temporary = destination.deletingLastPathComponent().appendingPathComponent(
            ".\(destination.lastPathComponent).partial.mp3")
        defer {
            try? FileManager.default.removeItem(at: pcm)
            try? FileManager.default.removeItem(at: temporary)
        }
        var bytes = [UInt8](repeating: 0, count: samples.count * 2)
        for (index, sample) in samples.enumerated() {
            let value = UInt16(bitPattern: Int16(max(-32768, min(32767, (sample * 32768).rounded()))))
            bytes[index * 2] = UInt8(value & 0xFF)
            bytes[index * 2 + 1] = UInt8(value >> 8)
        }
        do {
            try Data(bytes).write(to: pcm)
        } catch {
            throw RenderError.cannotWrite(path: destination.relativePath, reason: FileSystemReason.describe(error))
        }
        var arguments = [
            "-v", "error", "-y", "-f", "s16le", "-ar", "\(sampleRate)", "-ac", "1", "-i", pcm.path,
            "-ar", "\(limits.sampleRate)", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "\(limits.bitRate / 1000)k",
        ]
        if let title { arguments += ["-metadata", "title=\(title)"] }
        arguments += ["-f", "mp3", temporary.path]
        try FFmpeg.run(ffmpeg, arguments, making: destination)
        try AtomicFile.replace(destination, with: temporary)
    }
}

/// The files' outcomes, filled in from several threads.
private final class PartResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<AudioMeasures, Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<AudioMeasures, Error>) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    var all: [Result<AudioMeasures, Error>?] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}

/// A look-ahead peak limiter: the gain falls smoothly over a few milliseconds before a peak that
/// would pass the ceiling, and recovers over 80 ms after it.
struct PeakLimiter {
    var ceiling: Float
    var sampleRate: Int

    func limit(_ samples: inout [Float]) {
        let lookAhead = max(1, sampleRate * 3 / 1000)
        let release = Float(1 - exp(-1 / (0.08 * Double(sampleRate))))
        // The gain each sample needs on its own.
        var needed = samples.map { abs($0) > ceiling ? ceiling / abs($0) : Float(1) }
        guard needed.contains(where: { $0 < 1 }) else { return }
        // Falling early: each sample takes the lowest need of the `lookAhead` samples after it, ramped.
        var next: Float = 1
        for index in stride(from: needed.count - 1, through: 0, by: -1) {
            next = min(needed[index], next + (1 - next) / Float(lookAhead) + 1e-6)
            needed[index] = min(needed[index], next)
        }
        // Recovering slowly.
        var gain: Float = 1
        for index in samples.indices {
            gain = needed[index] < gain ? needed[index] : gain + (min(1, needed[index]) - gain) * release
            gain = min(gain, needed[index])
            samples[index] *= gain
        }
    }
}

/// Faint white noise for room tone: the same in every run (a fixed-seed generator).
struct RoomTone {
    private var state: UInt64 = 0x2545_F491_4F6C_DD1D
    private let scale: Float

    init(level: Double, seed: UInt64) {
        state ^= seed &* 0x9E37_79B9_7F4A_7C15
        // Uniform noise in ±a has RMS a/√3.
        scale = Float(pow(10, level / 20) * 3.0.squareRoot())
    }

    mutating func next() -> Float {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (Float(state >> 40) / Float(1 << 24) * 2 - 1) * scale
    }
}

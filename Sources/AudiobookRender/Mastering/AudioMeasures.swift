import Foundation

/// What a publisher measures in an audio file, and the limits ACX (Audible's submission rules) sets.
public struct AudioMeasures: Sendable, Equatable {
    public var file: String
    public var seconds: Double
    /// Whole-file RMS, peak and noise floor (the quietest half second's RMS), in dBFS.
    public var rms: Double
    public var peak: Double
    public var noiseFloor: Double
    /// Room tone at the head and the tail: seconds before the first and after the last sound.
    public var head: Double
    public var tail: Double
    /// The format, for an MP3 (nil for other files): sample rate, channels, bit rate and whether it is constant.
    public var sampleRate: Int
    public var channels: Int
    public var bitRate: Int?
    public var constantBitRate: Bool?

    /// Everything that breaks the limits, in words; empty when the file passes.
    public func failures(_ limits: ACXLimits = ACXLimits()) -> [String] {
        var failures: [String] = []
        func dB(_ value: Double) -> String { value.isFinite ? String(format: "%.1f dB", value) : "-inf dB" }
        if !limits.rms.contains(rms) {
            failures.append(
                "RMS \(dB(rms)) outside \(dB(limits.rms.lowerBound)) to \(dB(limits.rms.upperBound))")
        }
        if peak > limits.maximumPeak { failures.append("peak \(dB(peak)) above \(dB(limits.maximumPeak))") }
        if noiseFloor > limits.maximumNoiseFloor {
            failures.append("noise floor \(dB(noiseFloor)) above \(dB(limits.maximumNoiseFloor))")
        }
        if !limits.head.contains(head) {
            failures.append(
                String(
                    format: "room tone at the head %.2f s, not %.1f–%.1f s", head, limits.head.lowerBound,
                    limits.head.upperBound))
        }
        if !limits.tail.contains(tail) {
            failures.append(
                String(
                    format: "room tone at the tail %.2f s, not %.1f–%.1f s", tail, limits.tail.lowerBound,
                    limits.tail.upperBound))
        }
        if seconds > limits.maximumMinutes * 60 {
            failures.append(String(format: "%.1f minutes long, over %.0f", seconds / 60, limits.maximumMinutes))
        }
        if let bitRate {
            if sampleRate != limits.sampleRate {
                failures.append("sample rate \(sampleRate) Hz, not \(limits.sampleRate)")
            }
            if channels != 1 { failures.append("\(channels) channels, not mono") }
            if bitRate != limits.bitRate || constantBitRate == false {
                failures.append(
                    "\(constantBitRate == false ? "variable" : "constant") \(bitRate / 1000) kbps, not constant \(limits.bitRate / 1000) kbps"
                )
            }
        }
        return failures
    }

    /// One line of a report: the file, its measures, and PASS or FAIL with why.
    public func reportLine(_ limits: ACXLimits = ACXLimits()) -> String {
        func dB(_ value: Double) -> String { value.isFinite ? String(format: "%6.1f", value) : "  -inf" }
        let minutes = Int(seconds) / 60
        let layout = channels == 1 ? "mono" : "\(channels) ch"
        let rate = String(format: "%.1f kHz", Double(sampleRate) / 1000)
        let format =
            bitRate.map { "\(rate) \(layout) \($0 / 1000) kbps \(constantBitRate == false ? "VBR" : "CBR")" }
            ?? "\(rate) \(layout)"
        let failures = self.failures(limits)
        return String(
            format: "%@  %3d:%05.2f  RMS %@  peak %@  floor %@  head %.2f s  tail %.2f s  %@  %@", file, minutes,
            seconds - Double(minutes * 60), dB(rms), dB(peak), dB(noiseFloor), head, tail, format,
            failures.isEmpty ? "PASS" : "FAIL: " + failures.joined(separator: "; "))
    }

    /// Measures samples (floats in −1…1) at `sampleRate`.
    public static func measure(
        _ samples: [Float], sampleRate: Int, file: String, channels: Int = 1, bitRate: Int? = nil,
        constantBitRate: Bool? = nil
    ) -> AudioMeasures {
        var sum = 0.0
        var peak: Float = 0
        for sample in samples {
            sum += Double(sample) * Double(sample)
            peak = max(peak, abs(sample))
        }
        let rms = samples.isEmpty ? -Double.infinity : 10 * log10(sum / Double(samples.count))
        // The quietest half second (in steps of a quarter): the room tone's level.
        let window = max(1, sampleRate / 2)
        var floor = Double.infinity
        var start = 0
        while start + window <= samples.count {
            var power = 0.0
            for index in start..<start + window { power += Double(samples[index]) * Double(samples[index]) }
            floor = min(floor, power / Double(window))
            start += window / 2
        }
        let noiseFloor = floor.isFinite && floor > 0 ? 10 * log10(floor) : (floor == 0 ? -Double.infinity : rms)
        // Sound: a 10 ms stretch whose RMS is above −50 dBFS.
        let frame = max(1, sampleRate / 100)
        let threshold = pow(10.0, -50.0 / 10)
        var first: Int?
        var last: Int?
        var position = 0
        while position + frame <= samples.count {
            var power = 0.0
            for index in position..<position + frame { power += Double(samples[index]) * Double(samples[index]) }
            if power / Double(frame) > threshold {
                if first == nil { first = position }
                last = position + frame
            }
            position += frame
        }
        let seconds = Double(samples.count) / Double(sampleRate)
        return AudioMeasures(
            file: file, seconds: seconds, rms: rms, peak: peak > 0 ? 20 * log10(Double(peak)) : -Double.infinity,
            noiseFloor: noiseFloor, head: Double(first ?? samples.count) / Double(sampleRate),
            tail: Double(samples.count - (last ?? samples.count)) / Double(sampleRate), sampleRate: sampleRate,
            channels: channels, bitRate: bitRate, constantBitRate: constantBitRate)
    }

    /// Measures a WAV or MP3 file: decoded by ffmpeg (mono, at its own rate), its format from ffprobe.
    public static func measure(file url: URL) throws -> AudioMeasures {
        let ffmpeg = try FFmpeg.find(for: "measuring audio (check)")
        let ffprobe = (ffmpeg as NSString).deletingLastPathComponent + "/ffprobe"
        let probe = try FFmpeg.output(
            ffprobe,
            [
                "-v", "error", "-select_streams", "a:0", "-show_entries",
                "stream=sample_rate,channels,bit_rate,codec_name",
                "-of", "default=noprint_wrappers=1", url.path,
            ], reading: url)
        var fields: [String: String] = [:]
        for line in String(decoding: probe, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let rate = fields["sample_rate"].flatMap(Int.init), rate > 0 else {
            throw RenderError.cannotRead(path: url.relativePath, reason: "it holds no audio ffprobe can read")
        }
        let channels = fields["channels"].flatMap(Int.init) ?? 1
        let pcm = try FFmpeg.output(
            ffmpeg, ["-v", "error", "-i", url.path, "-f", "s16le", "-ac", "1", "-"], reading: url)
        let samples = SampleBytes.floats(fromLittleEndian: pcm)
        let isMP3 = fields["codec_name"] == "mp3"
        return measure(
            samples, sampleRate: rate, file: url.lastPathComponent, channels: channels,
            bitRate: isMP3 ? fields["bit_rate"].flatMap(Int.init) : nil,
            constantBitRate: isMP3 ? try !isVariableBitRate(url) : nil)
    }

    /// Whether an MP3 announces itself as variable bit rate (a `Xing` header; LAME writes `Info` for constant).
    static func isVariableBitRate(_ url: URL) throws -> Bool {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let start = try handle.read(upToCount: 16384) ?? Data()
        return start.range(of: Data("Xing".utf8)) != nil || start.range(of: Data("VBRI".utf8)) != nil
    }
}

/// ACX's limits for a submitted audiobook file.
public struct ACXLimits: Sendable, Equatable {
    public var rms: ClosedRange<Double> = -23 ... -18
    public var maximumPeak = -3.0
    public var maximumNoiseFloor = -60.0
    public var head: ClosedRange<Double> = 0.5...1.0
    public var tail: ClosedRange<Double> = 1.0...5.0
    public var maximumMinutes = 120.0
    public var sampleRate = 44100
    public var bitRate = 192_000

    /// ACX's limits.
    public init() {}
}

import AudiobookRender
import Foundation
import Testing

/// Names said right, lines delivered as their tags say, voices at one level, and a set ACX accepts:
/// measured on rendered audio.
@Suite("Direction and mastering with espeak-ng, end to end", .serialized)
struct DirectionTests {
    typealias Cue = CuesFile.Cue

    static let sampleRate = 22050

    static func cues(_ book: URL) throws -> [Cue] { try CuesFile.cues(in: book) }

    /// The samples of each cue, in order.
    static func cueSamples(_ book: URL) throws -> [(cue: Cue, samples: [Int16])] {
        var files: [String: [Int16]] = [:]
        return try cues(book).map { cue in
            if files[cue.file] == nil {
                files[cue.file] = try Data(contentsOf: book.appendingPathComponent(cue.file)).dropFirst(44)
                    .withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
            }
            let all = files[cue.file]!
            let lower = min(all.count, Int((cue.start * Double(sampleRate)).rounded()))
            let upper = min(all.count, Int((cue.end * Double(sampleRate)).rounded()))
            return (cue, Array(all[lower..<upper]))
        }
    }

    /// The mean pitch of voiced 40 ms frames (autocorrelation, 70–400 Hz), in Hz.
    static func meanPitch(_ samples: [Int16]) -> Double? {
        let frame = sampleRate / 25
        let shortest = sampleRate / 400
        let longest = sampleRate / 70
        var pitches: [Double] = []
        var start = 0
        while start + frame + longest <= samples.count {
            let x = samples[start..<start + frame + longest].map { Double($0) }
            let energy = x.prefix(frame).reduce(0) { $0 + $1 * $1 }
            if energy / Double(frame) > 100_000 {
                var best = 0.0
                var bestLag = 0
                for lag in shortest...longest {
                    var sum = 0.0
                    var shifted = 0.0
                    for index in 0..<frame {
                        sum += x[index] * x[index + lag]
                        shifted += x[index + lag] * x[index + lag]
                    }
                    let normalised = sum / (energy * shifted).squareRoot()
                    if normalised > best {
                        best = normalised
                        bestLag = lag
                    }
                }
                if best > 0.6 { pitches.append(Double(sampleRate) / Double(bestLag)) }
            }
            start += frame
        }
        return pitches.isEmpty ? nil : pitches.reduce(0, +) / Double(pitches.count)
    }

    /// A speaker's mean speech level over some lines (power mean of each line's level).
    static func level(_ lines: [[Int16]]) -> Double {
        let powers = lines.compactMap { SpeechLevel.of($0, sampleRate: sampleRate) }.map { pow(10, $0 / 10) }
        return 10 * log10(powers.reduce(0, +) / Double(max(1, powers.count)))
    }

    func write(_ text: String, _ path: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// A paragraph long enough (over 1,200 characters) to be a speech unit of its own.
    static func paragraph(_ n: Int, naming name: String?) -> String {
        var sentences: [String] = []
        for index in 0..<16 {
            sentences.append(
                "The \(["grey", "long", "cold", "quiet"][index % 4]) road number \(n * 100 + index) ran down past the old mill to the river and the ferry."
            )
        }
        if let name { sentences.insert("\(name) waited there.", at: 7) }
        return sentences.joined(separator: " ")
    }

    @Test(
        "with espeak-ng: a lexicon entry changes the audio of exactly the lines with its word (possessive too), and re-speaks only their units"
    )
    func lexiconChangesOnlyItsLines() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let book = (1...5).map { Self.paragraph($0, naming: $0 == 2 ? "Siobhan" : $0 == 4 ? "Siobhan's dog" : nil) }
            .joined(separator: "\n\n")
        try write("# One\n\n" + book + "\n", "book.md", in: folder)
        try write("voice: en-us\n", "voices/narrator.yaml", in: folder)
        let first = try CommandRunner.run(["render", "book.md", "--voices", "voices", "--output", "out"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Self.cueSamples(folder.appendingPathComponent("out/book"))
        try write("Siobhan: shiv-AWN\n", "voices/lexicon.yaml", in: folder)
        let second = try CommandRunner.run(["render", "book.md", "--voices", "voices", "--output", "out"], in: folder)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("2 spoken, 3 reused"), "\(second.stdout)")
        let after = try Self.cueSamples(folder.appendingPathComponent("out/book"))
        try #require(before.count == after.count && before.count == 6)
        for (old, new) in zip(before, after) {
            if old.cue.text.contains("Siobhan") {
                #expect(
                    old.samples != new.samples, "the line with the word sounds different: \(old.cue.text.prefix(40))")
            } else {
                #expect(old.samples == new.samples, "a line without the word is unchanged: \(old.cue.text.prefix(40))")
            }
        }
        // The script's text keeps the word as written.
        let script = try CommandRunner.run(["script", "book.md", "--voices", "voices"], in: folder)
        #expect(script.stdout.contains("Siobhan waited there."))
        // An entry a lexicon cannot hold is an error at its place.
        try write("Siobhan: shiv-AWN\nNiamh: \"[[ni:v\"\n", "voices/lexicon.yaml", in: folder)
        let bad = try CommandRunner.run(["render", "book.md", "--voices", "voices", "--output", "out"], in: folder)
        #expect(bad.status != 0)
        #expect(
            bad.stderr.contains("voices/lexicon.yaml:2:8: error: phonemes for 'Niamh' must be written [[…]]"),
            "\(bad.stderr)")
    }

    @Test("with espeak-ng: words lists the book's names with espeak-ng's phonemes and the lexicon's")
    func wordsListsNames() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(
            "\"We sail at dawn,\" said Marguerite.\n\n\"To Inverkeld?\" asked Dominic.\n\n\"To Inverkeld,\" said Marguerite. The Harbour Master waved.\n",
            "book.md", in: folder)
        try write("voice: en-gb\n", "voices/narrator.yaml", in: folder)
        try write("Dominic: DOM-in-ick\nInverkeld: \"[[Inv3k'Eld]]\"\n", "voices/lexicon.yaml", in: folder)
        let result = try CommandRunner.run(["words", "book.md", "--voices", "voices"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true)
        }
        let byWord = Dictionary(rows.compactMap { $0.first.map { (String($0), $0) } }, uniquingKeysWith: { a, _ in a })
        let words = rows.compactMap { $0.first.map(String.init) }
        #expect(Array(words.prefix(4)).contains("Marguerite"), "\(result.stdout)")
        let marguerite = try #require(rows.first { $0.first == "Marguerite" })
        #expect(
            marguerite[1] == "2" && marguerite[2].contains("m"),
            "a name with its count and espeak-ng's phonemes: \(marguerite)")
        #expect(marguerite.last == "-", "not in the lexicon")
        let dominic = try #require(rows.first { $0.first == "Dominic" })
        #expect(dominic[2].hasPrefix("'d"), "the respelling's stress on its capital syllable: \(dominic)")
        #expect(result.stdout.contains("[[Inv3k'Eld]] (voices/lexicon.yaml:2)"), "\(result.stdout)")
        #expect(byWord["Harbour"] != nil, "a capitalised word inside a sentence is listed")
        #expect(byWord["To"] == nil && byWord["We"] == nil, "a word capitalised only at a sentence's start is not")
    }

    @Test(
        "with espeak-ng: a whispered line is 6 dB quieter than the speaker's plain lines, a shouted one 3 dB louder and higher; delivery marks edited in the script are heard; speakers level within 1.5 dB of the narrator"
    )
    func deliveryAndLevels() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = "# One\n\n"
        for round in 0..<3 {
            text += "\"The lamp on the table has gone out again, round \(round),\" said Tessa.\n\n"
            text += "\"Then fetch the matches from the kitchen drawer,\" said Jonah.\n\n"
            text += "\"Someone is walking on the stairs below us,\" Tessa whispered.\n\n"
            text += "\"Get out of my house this very minute,\" Jonah shouted.\n\n"
            text += "\"We should have gone home before the rain,\" said Mara.\n\n"
            text += "The wind rattled the windows of the old house on the hill.\n\n"
        }
        try write(text, "book.md", in: folder)
        // Voices that come out of espeak-ng several dB apart.
        try write("voice: en-gb\nvariant: m3\n", "voices/narrator.yaml", in: folder)
        try write("voice: en-gb-scotland\nvariant: f2\n", "voices/Tessa.yaml", in: folder)
        try write("voice: en-us\nvariant: klatt\n", "voices/Jonah.yaml", in: folder)
        try write("voice: en-us\nvariant: f5\n", "voices/Mara.yaml", in: folder)
        let result = try CommandRunner.run(["render", "book.md", "--voices", "voices", "--output", "out"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try Self.cueSamples(folder.appendingPathComponent("out/book"))
        func plain(_ speaker: String) -> [[Int16]] {
            lines.filter {
                $0.cue.speaker == speaker && !$0.cue.text.contains("stairs") && !$0.cue.text.contains("minute")
            }
            .map(\.samples)
        }
        let narrator = Self.level(plain("narrator"))
        for speaker in ["Tessa", "Jonah", "Mara"] {
            let level = Self.level(plain(speaker))
            #expect(abs(level - narrator) <= 1.5, "\(speaker) at \(level) dB, the narrator at \(narrator) dB")
        }
        let whispered = Self.level(lines.filter { $0.cue.text.contains("stairs") }.map(\.samples))
        #expect(
            Self.level(plain("Tessa")) - whispered >= 6,
            "whispered \(whispered) dB against \(Self.level(plain("Tessa"))) dB")
        let shouted = lines.filter { $0.cue.text.contains("minute") }.map(\.samples)
        #expect(
            Self.level(shouted) - Self.level(plain("Jonah")) >= 3,
            "shouted \(Self.level(shouted)) dB against \(Self.level(plain("Jonah"))) dB")
        let shoutedPitch = try #require(Self.meanPitch(shouted.flatMap { $0 }))
        let plainPitch = try #require(Self.meanPitch(plain("Jonah").flatMap { $0 }))
        #expect(shoutedPitch > plainPitch, "shouted at \(shoutedPitch) Hz, plain at \(plainPitch) Hz")
        // The script shows each delivery; removing one there (and adding one) is what is heard.
        let script = try CommandRunner.run(["script", "book.md", "--voices", "voices"], in: folder)
        #expect(script.stdout.contains("below us,\" {whispered}"), "\(script.stdout)")
        #expect(script.stdout.contains("this very minute,\" {shouted}"), "\(script.stdout)")
        var edited = script.stdout.replacingOccurrences(of: "below us,\" {whispered}", with: "below us,\"")
        edited = edited.replacingOccurrences(of: "before the rain,\"  [", with: "before the rain,\" {whispered}  [")
        try write(edited, "book.script", in: folder)
        let again = try CommandRunner.run(
            ["render", "book.script", "--voices", "voices", "--output", "out"], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        let relines = try Self.cueSamples(folder.appendingPathComponent("out/book"))
        let stairs = Self.level(relines.filter { $0.cue.text.contains("stairs") }.map(\.samples))
        #expect(abs(stairs - Self.level(plain("Tessa"))) < 3, "the stairs line is plain now: \(stairs) dB")
        let rain = Self.level(relines.filter { $0.cue.text.contains("rain") }.map(\.samples))
        #expect(Self.level(plain("Mara")) - rain >= 6, "Mara whispers now: \(rain) dB")
        try write(edited.replacingOccurrences(of: "{shouted}", with: "{bellowing}"), "bad.script", in: folder)
        let bad = try CommandRunner.run(["render", "bad.script", "--voices", "voices", "--output", "out"], in: folder)
        #expect(bad.status != 0)
        #expect(
            bad.stderr.contains("bad.script:") && bad.stderr.contains("error: unknown delivery {bellowing}"),
            "\(bad.stderr)")
    }

    @Test(
        "with espeak-ng and ffmpeg: render --acx writes an MP3 per chapter within ACX's limits, as check and sox measure them; check fails a file outside them"
    )
    func acxSet() throws {
        let folder = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = ""
        for chapter in 1...2 {
            text += "# Chapter \(chapter)\n\nThe boat came in at noon, heavy with fish and gulls.\n\n"
            text += "\"Tie her up,\" said Agnes. \"WE ARE HOME!\"\n\n* * *\n\n\"Not yet,\" Tobias whispered.\n\n"
        }
        try write(text, "book.md", in: folder)
        let result = try CommandRunner.run(["render", "book.md", "--output", "out", "--acx"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let acx = folder.appendingPathComponent("out/book/acx")
        let files = try FileManager.default.contentsOfDirectory(atPath: acx.path).sorted()
        #expect(files == ["chapter-01.mp3", "chapter-02.mp3"], "\(files)")
        let report = try String(contentsOf: folder.appendingPathComponent("out/book/acx-report.txt"), encoding: .utf8)
        #expect(report.contains("2 of 2 files pass"), "\(report)")
        let check = try CommandRunner.run(["check", "out/book/acx"], in: folder)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        for file in files {
            // Independently: ffprobe for the format, sox for the levels.
            let probe = try CommandRunner.run(
                program: "ffprobe",
                [
                    "-v", "error", "-show_entries", "stream=sample_rate,channels,bit_rate", "-of", "csv=p=0",
                    "out/book/acx/\(file)",
                ],
                in: folder)
            #expect(probe.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "44100,1,192000", "\(probe.stdout)")
            let wav = "out/\(file).wav"
            _ = try CommandRunner.run(
                program: "ffmpeg", ["-v", "error", "-y", "-i", "out/book/acx/\(file)", wav], in: folder)
            let stats = try CommandRunner.run(program: "sox", [wav, "-n", "stats"], in: folder)
            func value(_ name: String) -> Double? {
                stats.stderr.split(separator: "\n").first { $0.hasPrefix(name) }.flatMap {
                    $0.split(separator: " ").last.flatMap { Double($0) }
                }
            }
            let rms = try #require(value("RMS lev dB"), "\(stats.stderr)")
            let peak = try #require(value("Pk lev dB"), "\(stats.stderr)")
            #expect((-23 ... -18).contains(rms), "\(file): RMS \(rms) dB")
            #expect(peak <= -3, "\(file): peak \(peak) dB")
            let duration = try #require(
                Double(
                    try CommandRunner.run(program: "soxi", ["-D", wav], in: folder).stdout.trimmingCharacters(
                        in: .whitespacesAndNewlines)))
            // Room tone: sox finds the first and last sound above −50 dB.
            let head = try CommandRunner.run(
                program: "sox", [wav, "-n", "silence", "1", "0.01", "-50d", "stat"], in: folder)
            let lengthAfterHead = head.stderr.split(separator: "\n").first { $0.hasPrefix("Length (seconds)") }
                .flatMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            let headSeconds = duration - (lengthAfterHead ?? 0)
            #expect((0.5...1.0).contains(headSeconds), "\(file): \(headSeconds) s of room tone at the head")
        }
        // A render's own scene WAVs are no ACX file: too quiet, no room tone.
        let fails = try CommandRunner.run(["check", "out/book"], in: folder)
        #expect(fails.status != 0)
        #expect(fails.stderr.contains("scene-001.wav: error: "), "\(fails.stderr)")
        #expect(fails.stderr.split(separator: "\n").last?.hasPrefix("error: ") == true, "\(fails.stderr)")
    }
}

import Foundation
import Testing

@testable import AudiobookCore

/// Property-based fuzzing of everything from bytes to script. The bounded run is
/// part of `make test`; `make fuzz` runs a million inputs (AUDIOBOOK_FUZZ_ITERATIONS).
@Suite("Fuzzing bytes to script")
struct FuzzTests {
    /// SplitMix64: a seeded generator, so that a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces: [String] = [
        "\"", "\u{201C}", "\u{201D}", "'", "\u{2018}", "\u{2019}", "\u{00AB}", "\u{00BB}", " ", " ", " ", "\n", "\n\n",
        "\n\n\n\n",
        "\r\n", "\t", "-", "\u{2014}", "--", ",", ".", "!", "?", ";", ":", "_", "*", "#", "# Chapter One",
        "CHAPTER XII.", "IV",
        "* * *", "~", "said", "says", "whispered", "asked", "Tessa", "Sasha", "Mr. Bennet", "Mrs.", "Miss", "I", "he",
        "she",
        "don't", "'em", "rock 'n' roll", "dogs'", "s'", "the", "and", "Hello", "Oh", "my dear", "\u{00A0}", "é", "日本",
        "\u{1F600}", "0", "123", "\u{FEFF}", "(", ")", "[", "]",
    ]

    static func input(_ generator: inout Generator) -> [UInt8] {
        switch generator.next() % 10 {
        case 0:
            // Arbitrary bytes.
            return (0..<Int(generator.next() % 300)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        case 1:
            // A very long word or paragraph.
            let piece = pieces[Int(generator.next() % UInt64(pieces.count))]
            return Array(
                String(
                    repeating: piece + (generator.next() % 2 == 0 ? "" : "a"), count: 1 + Int(generator.next() % 600)
                ).utf8)
        default:
            var text = ""
            for _ in 0..<Int(generator.next() % 120) {
                text += pieces[Int(generator.next() % UInt64(pieces.count))]
                if generator.next() % 3 == 0 { text += " " }
            }
            return Array(text.utf8)
        }
    }

    /// Reads, structures, attributes and checks the script's invariants; returns a problem or nil.
    static func check(_ bytes: [UInt8]) -> String? {
        let manuscript: Manuscript
        do {
            manuscript = try Manuscript(path: "fuzz.txt", bytes: bytes)
        } catch {
            return error.diagnostic.description.contains("\n") ? "a multi-line error" : nil
        }
        let script = ScriptBuilder().script(for: manuscript)
        var previousEnd = 0
        var covered: [Range<Int>] = []
        for line in script.scenes.flatMap(\.lines) {
            guard line.start >= 0, line.start <= line.end, line.end <= bytes.count else {
                return "offsets \(line.start)-\(line.end) outside the file"
            }
            guard line.start >= previousEnd else {
                return "line at \(line.start) overlaps or precedes the one before (\(previousEnd))"
            }
            previousEnd = line.end
            covered.append(line.start..<line.end)
            if line.kind == .dialogue, line.speaker.isEmpty { return "a dialogue line without a speaker" }
        }
        // Every byte outside the lines is white space or markup: no letters or digits are lost.
        var position = Manuscript.hasBOM(bytes) ? 3 : 0
        for range in covered + [bytes.count..<bytes.count] {
            let gap = String(decoding: bytes[position..<range.lowerBound], as: UTF8.self)
            if let lost = gap.unicodeScalars.first(where: {
                $0.properties.isAlphabetic || $0.properties.numericType != nil
            }) {
                return "text lost outside the lines: \(lost) in \(gap.prefix(60).debugDescription)"
            }
            position = range.upperBound
        }
        return nil
    }

    @Test(
        "random mixes of quotes, apostrophes, dashes, blank lines, headings and bytes: no crash, offsets in order, no text lost"
    )
    func fuzz() {
        let iterations = Int(ProcessInfo.processInfo.environment["AUDIOBOOK_FUZZ_ITERATIONS"] ?? "") ?? 3000
        let seed = UInt64(ProcessInfo.processInfo.environment["AUDIOBOOK_FUZZ_SEED"] ?? "") ?? 20_261_129
        var generator = Generator(state: seed)
        var failures = 0
        for iteration in 0..<iterations {
            let bytes = Self.input(&generator)
            if let problem = Self.check(bytes) {
                failures += 1
                if failures <= 5 {
                    Issue.record(
                        "input \(iteration) (seed \(seed)): \(problem): \(String(decoding: bytes.prefix(200), as: UTF8.self).debugDescription)"
                    )
                }
            }
        }
        #expect(failures == 0)
        if iterations >= 100_000 { print("fuzz: \(iterations) inputs, \(failures) failures (seed \(seed))") }
    }
}

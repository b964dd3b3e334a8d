import ArgumentParser
import AudiobookCore
import AudiobookRender
import Foundation

extension AudiobookCommand {
    /// `audiobook words BOOK [--voices DIR] [--lexicon FILE] [--play WORD]`
    struct Words: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the book's names and capitalised words with how espeak-ng will say them.",
            discussion: """
                Each word with how often the book has it, the phonemes the narrator's voice gives it (from \
                espeak-ng's dictionary, or the lexicon's when it covers the word) and where the lexicon entry is. \
                Example: audiobook words Examples/lighthouse.md --play Marguerite
                """)

        @OptionGroup var manuscript: ManuscriptOptions
        @OptionGroup var voices: VoiceOptions

        @Option(help: "Say this one word in the narrator's voice (as the lexicon says it) instead of listing.")
        var play: String?

        @Option(help: "List at most this many words.")
        var limit: Int?

        func run() throws {
            do {
                var (production, engine) = try voices.production(manuscript, speaking: false)
                try production.direct(
                    engine: engine, workerCommand: nil, jobs: 1,
                    lexicon: try voices.lexicon.map { path throws(ConfigError) in try Lexicon(contentsOf: path) })
                let narrator = production.catalog.synthesisSettings(
                    production.casting.assignment(for: ScriptLine.narrator).settings)
                let (lexicon, words) = production.direction.words(
                    forProfile: production.casting.assignment(for: ScriptLine.narrator).profile,
                    voice: narrator.voice)
                if let play {
                    let text = SpeechText.spoken(play, lexicon: lexicon, words: words)
                    let audio = try engine.speak(Utterance(text: text, voice: narrator))
                    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
                        "audiobook-word-\(ProcessInfo.processInfo.processIdentifier).wav")
                    defer { try? FileManager.default.removeItem(at: file) }
                    var data = try WAVWriter.header(
                        sampleRate: engine.sampleRate, sampleCount: audio.samples.count, for: file)
                    data.append(contentsOf: SampleBytes.littleEndian(audio.samples))
                    try data.write(to: file)
                    print(
                        "\(play): [[\(try spokenPhonemes(play, lexicon: lexicon, words: words, engine: engine, voice: narrator.voice))]]"
                    )
                    try Player.play(file)
                    return
                }
                var rows: [[String]] = [["word", "count", "phonemes", "lexicon"]]
                for word in BookWords.words(of: production.script).prefix(limit ?? Int.max) {
                    let phonemes = try spokenPhonemes(
                        word.word, lexicon: lexicon, words: words, engine: engine, voice: narrator.voice)
                    let entry = lexicon.entry(for: word.word)?.entry
                    let covered = entry.map { "\($0.text) (\($0.place))" } ?? "-"
                    rows.append([word.word + (word.isName ? "" : " *"), "\(word.count)", phonemes, covered])
                }
                let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
                var output = ""
                for row in rows {
                    output +=
                        (0..<3).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                        .joined(separator: "  ") + "  " + row[3] + "\n"
                }
                output +=
                    "(* a capitalised word that is not a character's name; said in the narrator's voice, \(production.casting.assignment(for: ScriptLine.narrator).settings.espeakName))\n"
                CommandErrors.printOutput(Data(output.utf8))
            } catch {
                throw CommandErrors.report(error)
            }
        }

        /// The phonemes a word is said with: the lexicon's, else espeak-ng's dictionary's.
        func spokenPhonemes(
            _ word: String, lexicon: Lexicon, words: [String: String], engine: SpeechEngine, voice: String
        ) throws -> String {
            if let (entry, ending) = lexicon.entry(for: word), let phonemes = words[entry.word.lowercased()] {
                return phonemes + ending.phonemes(after: phonemes)
            }
            return try engine.phonemes(of: word, voice: voice)
        }
    }
}

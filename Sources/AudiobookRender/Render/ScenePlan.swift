import AudiobookCore

/// One scene ready to be spoken: each line with its voice and the silence before it.
public struct ScenePlan: Sendable, Equatable {
    /// A line to speak.
    public struct Line: Sendable, Equatable {
        /// 1-based position among the scene's lines.
        public var number: Int
        public var line: ScriptLine
        /// The voice profile name (`Tessa`, `narrator`, `auto:en-us+f3`).
        public var profile: String
        public var utterance: Utterance
        /// Silence before the line, in milliseconds.
        public var pauseBefore: Int
        /// Whether this is a later piece of a long line (see `SpeechText.pieces`): spoken on
        /// without a pause, and part of the same cue as the piece before.
        public var continuesLine = false
    }

    /// 1-based scene number.
    public var index: Int
    public var chapter: String?
    /// `scene-001.wav`, or `scene-012-2.wav` for the second part of a long scene.
    public var fileName: String
    /// Which part of its scene this is (1-based), when the scene is spoken as parts (see `partSeconds`).
    public var part: Int?
    public var lines: [Line]
    /// Silence after the last line, in milliseconds.
    public var pauseAfter: Int

    /// The WAV file name of a scene, or of one part of it.
    public static func fileName(forScene index: Int, part: Int? = nil) -> String {
        "scene-" + String(repeating: "0", count: max(0, 3 - String(index).count)) + "\(index)"
            + (part.map { "-\($0)" } ?? "") + ".wav"
    }

    /// A scene whose speech would last longer than this (two hours, estimated from its words and
    /// voices) is written as parts, cut between paragraphs: no WAV comes near the 4 GiB its header
    /// can describe, and a player seeks within a file quickly.
    public static let partSeconds: Double = 2 * 3600

    /// Seconds a line will take, estimated from its words, its voice's rate and the pause before it.
    static func estimatedSeconds(_ line: Line) -> Double {
        let words = max(1, line.utterance.text.split(whereSeparator: \.isWhitespace).count)
        return Double(words) * 60 / Double(max(80, line.utterance.voice.rate)) + Double(line.pauseBefore) / 1000
    }

    /// The scene as parts of at most about `limit` seconds each (estimated), balanced, cut only where a
    /// paragraph begins; a scene within the limit is returned as it is. Cuts depend on the text and voices
    /// alone, so every render, shard and preview makes the same parts.
    func parts(limit: Double) -> [ScenePlan] {
        // Where each paragraph starts, and the estimated time to it.
        var starts: [Int] = []
        var before: [Double] = []
        var total = 0.0
        for (position, line) in lines.enumerated() {
            if position > 0, !line.continuesLine, line.line.paragraph != lines[position - 1].line.paragraph {
                starts.append(position)
                before.append(total)
            }
            total += ScenePlan.estimatedSeconds(line)
        }
        let count = Int((total / limit).rounded(.up))
        guard count > 1, !starts.isEmpty else { return [self] }
        // Each cut at the paragraph start nearest to k/count of the scene's time.
        var cuts: [Int] = [0]
        for part in 1..<count {
            let target = total * Double(part) / Double(count)
            guard
                let nearest = starts.indices.filter({ starts[$0] > cuts.last! }).min(by: {
                    abs(before[$0] - target) < abs(before[$1] - target)
                })
            else { break }
            cuts.append(starts[nearest])
        }
        guard cuts.count > 1 else { return [self] }
        cuts.append(lines.count)
        return (1..<cuts.count).map { number in
            var part = self
            part.part = number
            part.fileName = ScenePlan.fileName(forScene: index, part: number)
            part.lines = Array(lines[cuts[number - 1]..<cuts[number]])
            // Only the last part ends the scene; each part's first line keeps its paragraph's pause.
            if number < cuts.count - 1 { part.pauseAfter = 0 }
            return part
        }
    }

    /// Plans every scene of a script: voices from the casting (as the catalog's voice files), levelled
    /// and changed by each line's delivery as `direction` says, words said as its lexicons say,
    /// silences from the pauses.
    /// A scene longer than `partSeconds` is planned as parts (see `parts(limit:)`).
    public static func plans(
        for script: Script, casting: VoiceCasting, pauses: PauseSettings, catalog: VoiceCatalog,
        direction: SpeechDirection = SpeechDirection(), partSeconds: Double = ScenePlan.partSeconds
    ) -> [ScenePlan] {
        struct Voice {
            var profile: String
            var settings: VoiceSettings
            var female: Bool
            var lexicon: Lexicon
            var words: [String: String]
        }
        // Each speaker's profile, voice and words, looked up once.
        var voices: [String: Voice] = [:]
        func voice(of speaker: String) -> Voice {
            if let known = voices[speaker] { return known }
            let assignment = casting.assignment(for: speaker)
            let settings = direction.levels.levelled(catalog.synthesisSettings(assignment.settings))
            let gender =
                settings.variant.flatMap { variant in catalog.variants.first { $0.name == variant }?.gender }
                ?? script.characters.first { $0.name == speaker }?.gender
            let (lexicon, words) = direction.words(forProfile: assignment.profile, voice: settings.voice)
            let found = Voice(
                profile: assignment.profile, settings: settings, female: gender == .female, lexicon: lexicon,
                words: words)
            voices[speaker] = found
            return found
        }
        return script.scenes.enumerated().flatMap { position, scene in
            var lines: [Line] = []
            var previous: ScriptLine?
            for (offset, line) in scene.lines.enumerated() {
                let speaker = voice(of: line.kind == .dialogue ? line.speaker : ScriptLine.narrator)
                var settings = speaker.settings
                if let name = line.delivery, let delivery = direction.deliveries.delivery(named: name) {
                    settings = delivery.apply(to: settings, female: speaker.female)
                }
                let profile = speaker.profile
                let pause: Int
                if let previous {
                    if previous.kind == .heading {
                        pause = pauses.heading
                    } else if previous.paragraph != line.paragraph {
                        pause = pauses.paragraph
                    } else if previous.speaker != line.speaker || previous.kind != line.kind {
                        pause = pauses.speakerChange
                    } else {
                        pause = pauses.line
                    }
                } else {
                    // The book itself starts at once (but for the one AAC frame of silence every scene
                    // opens with, 46 ms): a player's own lead-in is enough, and the first chapter mark
                    // of an M4B (always at 0) then falls on the first line.
                    pause = position == 0 ? 0 : pauses.sceneStart
                }
                for (index, piece) in SpeechText.pieces(of: line).enumerated() {
                    lines.append(
                        Line(
                            number: offset + 1, line: line, profile: profile,
                            utterance: SpeechText.utterance(
                                for: piece, voice: settings, lexicon: speaker.lexicon, words: speaker.words),
                            pauseBefore: index == 0 ? pause : 0, continuesLine: index > 0))
                }
                previous = line
            }
            return ScenePlan(
                index: scene.index, chapter: scene.chapter, fileName: fileName(forScene: scene.index),
                lines: lines, pauseAfter: pauses.sceneEnd
            ).parts(limit: partSeconds)
        }
    }
}

/// The text handed to espeak-ng for a line: plain text, or SSML with `<emphasis>`
/// (and `& < >` escaped) when the line has emphasis.
public enum SpeechText {
    /// The length of a piece of a long line, in characters (it ends after the sentence that passes it).
    public static let pieceCharacters = 1500
    /// Lines longer than this many characters are spoken in pieces.
    static let longLineCharacters = pieceCharacters * 4 / 3

    /// A line as espeak-ng is given it: whole, or, when it is long (a letter read out, a
    /// speech of several pages), cut after sentences into pieces of about `pieceCharacters`.
    /// Pieces are spoken one after another without a pause; each can go to another worker,
    /// so one long line does not keep a scene waiting on a single core. Cuts depend on
    /// the text alone.
    public static func pieces(of line: ScriptLine) -> [ScriptLine] {
        let scalars = Array(line.text.unicodeScalars)
        guard scalars.count > longLineCharacters else { return [line] }
        var cuts: [Int] = [0]
        while scalars.count - cuts.last! > longLineCharacters {
            let start = cuts.last!
            // The first sentence end after `pieceCharacters`, else the first space after twice that.
            var cut: Int?
            var position = start + pieceCharacters
            while position < scalars.count - 1, cut == nil {
                if ".!?;".unicodeScalars.contains(scalars[position]), scalars[position + 1].properties.isWhitespace {
                    cut = position + 1
                }
                if position - start > pieceCharacters * 2, scalars[position].properties.isWhitespace { cut = position }
                position += 1
            }
            guard var next = cut else { break }
            while next < scalars.count, scalars[next].properties.isWhitespace { next += 1 }
            guard next < scalars.count else { break }
            cuts.append(next)
        }
        guard cuts.count > 1 else { return [line] }
        return cuts.indices.map { index in
            let lower = cuts[index]
            let upper = index + 1 < cuts.count ? cuts[index + 1] : scalars.count
            var piece = line
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[lower..<upper])
            piece.text = String(text).trimmingTrailingWhitespace
            piece.emphasis = line.emphasis.compactMap { span in
                let clipped = span.clamped(to: lower..<upper)
                return clipped.isEmpty ? nil : (clipped.lowerBound - lower)..<(clipped.upperBound - lower)
            }
            return piece
        }
    }

    /// The utterance for a script line in a voice: its words as the lexicon says them (phonemes
    /// `[[…]]`), SSML with emphasis said higher and slower where the line has it, and the words of a line that
    /// trails off (`…`) slowed.
    public static func utterance(
        for line: ScriptLine, voice: VoiceSettings, lexicon: Lexicon = Lexicon(), words: [String: String] = [:]
    ) -> Utterance {
        let slowFrom = trailingOffStart(line.text)
        guard !line.emphasis.isEmpty || slowFrom != nil else {
            return Utterance(text: spoken(line.text, lexicon: lexicon, words: words), isSSML: false, voice: voice)
        }
        let escapeSpoken: (ArraySlice<Unicode.Scalar>) -> String = { scalars in
            escape(
                Array(spoken(String(String.UnicodeScalarView(scalars)), lexicon: lexicon, words: words).unicodeScalars)[
                    ...])
        }
        guard let slowFrom else {
            let ssml =
                "<speak>" + marked(line, open: emphasisOpen, close: emphasisClose, escape: escapeSpoken) + "</speak>"
            return Utterance(text: ssml, isSSML: true, voice: voice)
        }
        // The line in two: before the trailing words, and the trailing words slowed.
        let scalars = Array(line.text.unicodeScalars)
        var head = line
        var tail = line
        head.text = String(String.UnicodeScalarView(scalars[..<slowFrom]))
        tail.text = String(String.UnicodeScalarView(scalars[slowFrom...]))
        head.emphasis = line.emphasis.compactMap { span in
            let clipped = span.clamped(to: 0..<slowFrom)
            return clipped.isEmpty ? nil : clipped
        }
        tail.emphasis = line.emphasis.compactMap { span in
            let clipped = span.clamped(to: slowFrom..<scalars.count)
            return clipped.isEmpty ? nil : (clipped.lowerBound - slowFrom)..<(clipped.upperBound - slowFrom)
        }
        let ssml =
            "<speak>" + marked(head, open: emphasisOpen, close: emphasisClose, escape: escapeSpoken)
            + "<prosody rate=\"\(trailingOffRate)\">"
            + marked(tail, open: emphasisOpen, close: emphasisClose, escape: escapeSpoken) + "</prosody></speak>"
        return Utterance(text: ssml, isSSML: true, voice: voice)
    }

    /// Emphasis is said higher and a little slower. Not espeak-ng's own `<emphasis>`: its loudness
    /// ignores the volume, so in a voice turned down to the common level an emphasised word
    /// stood up to 10 dB above the rest.
    static let emphasisOpen = "<prosody pitch=\"+15%\" rate=\"-10%\">"
    static let emphasisClose = "</prosody>"

    /// How much slower the last words of a line that trails off are said.
    static let trailingOffRate = "-30%"
    /// How many words at the end of a line that trails off are slowed.
    static let trailingOffWords = 3

    /// Where the slowed words of a line that trails off (`…` or `...` at its end) begin, in scalars.
    static func trailingOffStart(_ text: String) -> Int? {
        var trimmed = text
        while let last = trimmed.last, last.isWhitespace || "\"'”’)".contains(last) { trimmed.removeLast() }
        guard trimmed.hasSuffix("…") || trimmed.hasSuffix("...") else { return nil }
        let words = Lexicon.words(in: text)
        guard words.count > trailingOffWords else { return nil }
        return words[words.count - trailingOffWords].range.lowerBound
    }

    /// Text with each lexicon word replaced by its phonemes (`[[…]]`, the ending's sound after the
    /// word's), and any `[[` of the book's own broken up so espeak-ng never reads it as phonemes.
    public static func spoken(_ text: String, lexicon: Lexicon, words: [String: String]) -> String {
        let safe = text.contains("[[") ? text.replacingOccurrences(of: "[[", with: "[ [") : text
        guard !words.isEmpty else { return safe }
        let scalars = Array(safe.unicodeScalars)
        var result = String.UnicodeScalarView()
        var position = 0
        for (range, word) in Lexicon.words(in: safe) {
            guard let (entry, ending) = lexicon.entry(for: word), let phonemes = words[entry.word.lowercased()]
            else { continue }
            result.append(contentsOf: scalars[position..<range.lowerBound])
            result.append(contentsOf: "[[\(phonemes)\(ending.phonemes(after: phonemes))]]".unicodeScalars)
            position = range.upperBound
        }
        result.append(contentsOf: scalars[position...])
        return String(result)
    }

    /// A line's text as markup: each emphasised span between `open` and `close`, all text escaped
    /// by `escape` (SSML for espeak-ng, XHTML for the read-along book).
    static func marked(
        _ line: ScriptLine, open: String, close: String, escape: (ArraySlice<Unicode.Scalar>) -> String
    ) -> String {
        let scalars = Array(line.text.unicodeScalars)
        var text = ""
        var position = 0
        for span in line.emphasis.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let lower = min(max(span.lowerBound, position), scalars.count)
            let upper = min(max(span.upperBound, lower), scalars.count)
            text += escape(scalars[position..<lower]) + open + escape(scalars[lower..<upper]) + close
            position = upper
        }
        return text + escape(scalars[position...])
    }

    static func escape(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var text = ""
        for scalar in scalars {
            switch scalar {
            case "&": text += "&amp;"
            case "<": text += "&lt;"
            case ">": text += "&gt;"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text
    }
}

extension String {
    fileprivate var trimmingTrailingWhitespace: String {
        var scalars = Array(unicodeScalars)
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}

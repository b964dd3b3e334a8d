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
    }

    /// 1-based scene number.
    public var index: Int
    public var chapter: String?
    /// `scene-001.wav`.
    public var fileName: String
    public var lines: [Line]
    /// Silence after the last line, in milliseconds.
    public var pauseAfter: Int

    /// The WAV file name of a scene.
    public static func fileName(forScene index: Int) -> String {
        "scene-" + String(repeating: "0", count: max(0, 3 - String(index).count)) + "\(index).wav"
    }

    /// Plans every scene of a script: voices from the casting (as the catalog's voice files), silences from the pauses.
    public static func plans(for script: Script, casting: VoiceCasting, pauses: PauseSettings, catalog: VoiceCatalog) -> [ScenePlan] {
        script.scenes.enumerated().map { position, scene in
            var lines: [Line] = []
            var previous: ScriptLine?
            for (offset, line) in scene.lines.enumerated() {
                let assignment = casting.assignment(for: line.kind == .dialogue ? line.speaker : ScriptLine.narrator)
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
                    // The book itself starts at once: a player's own lead-in is enough, and the
                    // first chapter mark of an M4B (always at 0) then falls on the first line.
                    pause = position == 0 ? 0 : pauses.sceneStart
                }
                lines.append(Line(number: offset + 1, line: line, profile: assignment.profile,
                                  utterance: SpeechText.utterance(for: line, voice: catalog.synthesisSettings(assignment.settings)),
                                  pauseBefore: pause))
                previous = line
            }
            return ScenePlan(index: scene.index, chapter: scene.chapter, fileName: fileName(forScene: scene.index),
                             lines: lines, pauseAfter: pauses.sceneEnd)
        }
    }
}

/// The text handed to espeak-ng for a line: plain text, or SSML with `<emphasis>`
/// (and `& < >` escaped) when the line has emphasis.
public enum SpeechText {
    /// The utterance for a script line in a voice.
    public static func utterance(for line: ScriptLine, voice: VoiceSettings) -> Utterance {
        guard !line.emphasis.isEmpty else { return Utterance(text: line.text, isSSML: false, voice: voice) }
        let scalars = Array(line.text.unicodeScalars)
        var ssml = "<speak>"
        var position = 0
        for span in line.emphasis.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let lower = min(max(span.lowerBound, position), scalars.count)
            let upper = min(max(span.upperBound, lower), scalars.count)
            ssml += escape(scalars[position..<lower])
            ssml += "<emphasis>" + escape(scalars[lower..<upper]) + "</emphasis>"
            position = upper
        }
        ssml += escape(scalars[position...]) + "</speak>"
        return Utterance(text: ssml, isSSML: true, voice: voice)
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

/// The script's readable text form: a header, then per scene a title line and
/// one line per spoken line, speakers right-aligned in a column before the text.
///
/// ```
/// == Scene 2 · Chapter One ==
///              # Chapter One
///              The charged energy of the Staples Center pulses through my veins…
///      Sasha > "What's up, LA?"
///      Tessa > "Amazing performance, Sasha!"
///   narrator > "I'll try,"                      ? turn-taking 0.60
/// ```
public struct ScriptTextFormatter: Sendable {
    /// Dialogue below this confidence is marked with `?`, its rule and its confidence.
    public var doubtThreshold = 0.65

    /// Creates a formatter.
    public init() {}

    /// The whole text form.
    public func format(_ script: Script) -> String {
        var output = "# audiobook script of \(script.source)\n"
        let cast = script.characters.map { "\($0.name) (\($0.lines))" }.joined(separator: ", ")
        output += "# speakers: \(cast.isEmpty ? "none" : cast)\n"
        for scene in script.scenes {
            output += "\n== Scene \(scene.index)\(scene.chapter.map { " · \($0)" } ?? "") ==\n"
            let width = max(8, scene.lines.filter { $0.kind == .dialogue }.map(\.speaker.count).max() ?? 0)
            let blank = String(repeating: " ", count: width + 3)
            for line in scene.lines {
                switch line.kind {
                case .heading:
                    output += "\(blank)# \(line.text)\n"
                case .narration:
                    output += "\(blank)\(line.text)\n"
                case .dialogue:
                    let pad = String(repeating: " ", count: width - line.speaker.count)
                    var text = "\(pad)\(line.speaker) > \"\(line.text)\""
                    if let confidence = line.confidence, confidence < doubtThreshold {
                        text += "   ? \(line.rule ?? "unknown") \(String(format: "%.2f", confidence))"
                    }
                    output += text + "\n"
                }
            }
        }
        return output
    }
}

import Foundation

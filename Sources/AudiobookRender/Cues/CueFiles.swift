import Foundation

/// The files that say where every line is: a CDRWIN cue sheet, `cues.json` and WebVTT.
public enum CueFiles {
    /// Seconds with millisecond precision, from a sample position.
    static func seconds(_ sample: Int, _ sampleRate: Int) -> Double {
        Double(milliseconds(sample, sampleRate)) / 1000
    }

    /// The nearest millisecond of a sample position: what every time in the cue files, and every
    /// clip of the read-along book, is rounded to.
    static func milliseconds(_ sample: Int, _ sampleRate: Int) -> Int {
        Int((Double(sample) * 1000 / Double(sampleRate)).rounded())
    }

    /// `BOOK.cue`: one `FILE … WAVE` and `TRACK nn AUDIO` per scene (per part of a scene written as parts).
    public static func cueSheet(book: String, scenes: [RenderedScene]) -> String {
        var text = "REM GENERATOR \"audiobook\"\nTITLE \(quoted(book))\nPERFORMER \"audiobook\"\n"
        for (position, scene) in scenes.enumerated() {
            text += "FILE \(quoted(scene.file)) WAVE\n"
            text += String(format: "  TRACK %02d AUDIO\n", position + 1)
            let part = scene.part.map { ", part \($0)" } ?? ""
            text +=
                "    TITLE \(quoted(scene.chapter.map { "\($0) (scene \(scene.index)\(part))" } ?? "Scene \(scene.index)\(part)"))\n"
            text += "    INDEX 01 00:00:00\n"
        }
        return text
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "\n", with: " ") + "\""
    }

    /// `cues.json`: one entry per spoken line, in order, times in seconds from the start of its scene's WAV.
    public static func json(scenes: [RenderedScene], sampleRate: Int) throws -> Data {
        struct Entry: Encodable {
            var scene: Int, file: String, line: Int, speaker: String, profile: String, kind: String
            var start: Double, end: Double, text: String
            var sourceStart: Int, sourceEnd: Int

            enum CodingKeys: String, CodingKey {
                case scene, file, line, speaker, profile, kind, start, end, text
                case sourceStart = "source_start"
                case sourceEnd = "source_end"
            }
        }
        struct Document: Encodable {
            var format = "audiobook-cues"
            var version = 1
            var sampleRate: Int
            var cues: [Entry]

            enum CodingKeys: String, CodingKey {
                case format, version, cues
                case sampleRate = "sample_rate"
            }
        }
        let entries = scenes.flatMap { scene in
            scene.cues.map { cue in
                Entry(
                    scene: cue.scene, file: cue.file, line: cue.line, speaker: cue.speaker, profile: cue.profile,
                    kind: cue.kind,
                    start: seconds(cue.startSample, sampleRate), end: seconds(cue.endSample, sampleRate),
                    text: cue.text,
                    sourceStart: cue.sourceStart, sourceEnd: cue.sourceEnd)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        var data = try encoder.encode(Document(sampleRate: sampleRate, cues: entries))
        data.append(0x0A)
        return data
    }

    /// `BOOK.vtt`: one cue per line on the book's timeline (scenes one after another),
    /// the speaker as a `<v Name>` voice span.
    public static func webVTT(scenes: [RenderedScene], sampleRate: Int) -> String {
        var text = "WEBVTT\n"
        var offset = 0
        var number = 0
        for scene in scenes {
            text += "\nNOTE scene \(scene.index): \(scene.file)\(scene.chapter.map { " — \($0)" } ?? "")\n"
            for cue in scene.cues {
                number += 1
                text +=
                    "\n\(number)\n\(timestamp(offset + cue.startSample, sampleRate)) --> \(timestamp(offset + cue.endSample, sampleRate))\n"
                text += "<v \(escape(cue.speaker))>\(escape(cue.text))</v>\n"
            }
            offset += scene.sampleCount
        }
        return text
    }

    static func timestamp(_ sample: Int, _ sampleRate: Int) -> String {
        let milliseconds = milliseconds(sample, sampleRate)
        return String(
            format: "%02d:%02d:%02d.%03d", milliseconds / 3_600_000, milliseconds / 60_000 % 60,
            milliseconds / 1000 % 60, milliseconds % 1000)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\n", with: " ")
    }
}

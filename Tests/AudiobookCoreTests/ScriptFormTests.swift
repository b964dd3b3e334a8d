import Foundation
import Testing

@testable import AudiobookCore

@Suite("Script forms")
struct ScriptFormTests {
    @Test("the text form of a fixture matches its golden dump")
    func goldenText() throws {
        let script = try makeScript(try fixture("conversation.txt"), path: "conversation.txt")
        let expected = try fixture("conversation.script.txt")
        #expect(ScriptTextFormatter().format(script) == expected)
    }

    @Test("the JSON form follows the contract in FORMATS.md")
    func jsonContract() throws {
        let text = try fixture("conversation.txt")
        let script = try makeScript(text, path: "books/conversation.txt")
        let object = try #require(try JSONSerialization.jsonObject(with: ScriptJSON.encode(script)) as? [String: Any])
        #expect(object["format"] as? String == "audiobook-script")
        #expect(object["version"] as? Int == 1)
        #expect(object["source"] as? String == "books/conversation.txt")
        let characters = try #require(object["characters"] as? [[String: Any]])
        #expect(
            characters.contains {
                $0["name"] as? String == "Mrs. Harrow" && $0["gender"] as? String == "female"
                    && ($0["lines"] as? Int ?? 0) > 0
            })
        let scenes = try #require(object["scenes"] as? [[String: Any]])
        #expect(scenes.map { $0["index"] as? Int } == [1, 2])
        #expect(scenes[0]["chapter"] as? String == "CHAPTER I. The Orchard")
        let bytes = Array(text.utf8)
        for scene in scenes {
            for line in try #require(scene["lines"] as? [[String: Any]]) {
                let kind = try #require(line["kind"] as? String)
                #expect(["narration", "dialogue", "heading"].contains(kind))
                let start = try #require(line["start"] as? Int)
                let end = try #require(line["end"] as? Int)
                #expect(0 <= start && start < end && end <= bytes.count)
                let speaker = try #require(line["speaker"] as? String)
                if kind == "dialogue" {
                    #expect(line["rule"] is String)
                    #expect(line["confidence"] is Double || line["confidence"] is Int)
                    // Inside the quotation marks: the bytes around are quote marks.
                    #expect(bytes[start - 1] == UInt8(ascii: "\""))
                    #expect(bytes[end] == UInt8(ascii: "\""))
                } else {
                    #expect(speaker == "narrator")
                }
            }
        }
    }

    @Test("the JSON form decodes back to the same script")
    func jsonRoundTrip() throws {
        let script = try makeScript(try fixture("conversation.txt"))
        let decoded = try ScriptJSON.decode(ScriptJSON.encode(script))
        #expect(decoded.scenes == script.scenes)
        #expect(decoded.characters == script.characters)
    }

    @Test("doubtful lines are marked in the text form with their rule")
    func doubtMarks() throws {
        let script = try makeScript(try fixture("conversation.txt"))
        let text = ScriptTextFormatter().format(script)
        #expect(text.contains("\"Then don't fall off it, Rupert.\"  ? salience 0.35  ["))
        #expect(!text.contains("\"You're taller,\"  ?"))
    }
}

import Testing

@testable import AudiobookCore

@Suite("Cast files")
struct CastFileTests {
    @Test("a cast file is read with every field")
    func valid() throws {
        let cast = try CastFile(
            path: "cast.yaml",
            text: """
                characters:
                  - name: Elizabeth Bennet
                    aliases: [Elizabeth, Lizzy, Eliza, Miss Elizabeth]
                    gender: female
                    voice: elizabeth
                  - name: Jake Barnes
                    gender: male
                    pov: true
                """)
        #expect(cast.characters.count == 2)
        #expect(cast.characters[0].aliases == ["Elizabeth", "Lizzy", "Eliza", "Miss Elizabeth"])
        #expect(cast.characters[0].voice == "elizabeth")
        #expect(cast.characters[1].isPointOfView)
        #expect(cast.characters[1].gender == .male)
    }

    @Test("a name listed twice is one character with both entries' aliases")
    func duplicates() throws {
        let cast = try CastFile(
            path: "cast.yaml",
            text: "characters:\n  - name: Narrator\n    pov: true\n  - name: Narrator\n    aliases: [Pip]\n")
        #expect(cast.characters.count == 1)
        #expect(cast.characters[0].aliases == ["Pip"])
    }

    @Test(
        "a malformed cast file names the line and the key",
        arguments: [
            (
                "characters:\n  - name: Tessa\n    colour: red\n",
                "cast.yaml:3:5: error: unknown key 'colour' in a character (expected one of: name, aliases, gender, voice, pov)"
            ),
            (
                "characters:\n  - name: Tessa\n    gender: robot\n",
                "cast.yaml:3:13: error: 'gender' is 'robot'; expected female, male or unknown"
            ),
            ("characters:\n  - aliases: [T]\n", "cast.yaml:2:5: error: a character needs a 'name'"),
            (
                "people:\n  - name: Tessa\n",
                "cast.yaml:1:1: error: unknown key 'people' in the cast file (expected one of: characters)"
            ),
            ("characters: Tessa\n", "cast.yaml:1:13: error: 'characters' must be a list"),
            ("characters:\n  - name: [Tessa\n", "cast.yaml:3:1: error: invalid YAML: did not find expected ',' or ']'"),
            ("characters:\n  - name: Tessa\n    pov: perhaps\n", "cast.yaml:3:10: error: 'pov' must be true or false"),
            ("", "cast.yaml:1: error: the cast file is empty; expected 'characters:' with a list of names"),
        ])
    func malformed(_ text: String, _ message: String) {
        do {
            _ = try CastFile(path: "cast.yaml", text: text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.diagnostic.description == message)
        }
    }
}

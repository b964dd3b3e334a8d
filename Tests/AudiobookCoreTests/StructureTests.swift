import Testing

@testable import AudiobookCore

@Suite("Chapters and scenes")
struct StructureTests {
    @Test(
        "heading lines are recognised",
        arguments: [
            "# The Keeper", "## Part Two", "Chapter 12", "CHAPTER XII.", "Chapter Twelve: Title", "PART ONE",
            "BOOK THE FIRST", "IV", "XII.", "Chapter I. Mrs. Rachel Lynde is Surprised", "Prologue",
            "CHAPTER Twenty-One",
        ])
    func headings(_ line: String) {
        #expect(HeadingRecognizer.isHeading(line[...]))
    }

    @Test(
        "prose is not a heading",
        arguments: [
            "Chapter and verse, she said.", "Part of the problem was the rain.", "I", "DID", "Font Size:",
            "Book of the dead", "\"Chapter 12,\" she said.",
        ])
    func notHeadings(_ line: String) {
        if line == "I" {
            #expect(HeadingRecognizer.isHeading(line[...]))  // a Roman numeral alone on its line
        } else {
            #expect(!HeadingRecognizer.isHeading(line[...]))
        }
    }

    @Test("scene-break lines", arguments: ["* * *", "***", "#", "~", "~ ~ ~", "---", "*"])
    func sceneBreaks(_ line: String) {
        #expect(HeadingRecognizer.isSceneBreak(line[...]))
    }

    @Test("chapters start scenes; headings are lines of kind heading")
    func chapters() throws {
        let text = """
            CHAPTER I.
            Down the Hill


            The first paragraph.

            CHAPTER II.

            The second chapter.
            """
        let script = try makeScript(text)
        #expect(script.scenes.count == 2)
        #expect(script.scenes[0].chapter == "CHAPTER I. Down the Hill")
        #expect(script.scenes[0].lines.map(\.kind) == [.heading, .heading, .narration])
        #expect(script.scenes[1].chapter == "CHAPTER II.")
        #expect(script.scenes[1].lines.first?.text == "CHAPTER II.")
    }

    @Test("a part heading followed by a chapter heading is one title, not an empty scene")
    func partThenChapter() throws {
        let script = try makeScript("BOOK THE FIRST\n\nCHAPTER I\nTHE ONE THING\n\nNow, what I want is Facts.\n")
        #expect(script.scenes.count == 1)
        #expect(script.scenes[0].chapter == "CHAPTER I: THE ONE THING")
    }

    @Test("scene breaks and runs of three blank lines start scenes; two blank lines do not")
    func sceneBoundaries() throws {
        let text = "# One\n\nAnt.\n\n\nBee.\n\n* * *\n\nCat.\n\n#\n\nDog.\n\n~\n\nEel.\n\n\n\nFox.\n"
        let script = try makeScript(text)
        #expect(
            script.scenes.map { $0.lines.filter { $0.kind == .narration }.map(\.text) } == [
                ["Ant.", "Bee."], ["Cat."], ["Dog."], ["Eel."], ["Fox."],
            ])
        #expect(script.scenes.allSatisfy { $0.chapter == "One" })
    }

    @Test("a stray first line stays narration and is not a character")
    func strayLine() throws {
        let script = try makeScript("Font Size: \u{00A0}\n\n\"Hello,\" said Tessa.\n")
        #expect(script.scenes[0].lines[0].kind == .narration)
        #expect(script.scenes[0].lines[0].text == "Font Size:")
        #expect(script.characters.map(\.name) == ["Tessa"])
    }
}

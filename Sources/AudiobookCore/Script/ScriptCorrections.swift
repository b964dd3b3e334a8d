/// Carries a user's corrections from an edited script to a fresh attribution of a
/// changed manuscript: every line whose kind and words are unchanged keeps the
/// speaker the user's script gives it.
public enum ScriptCorrections {
    /// The fresh script with the edited script's speakers on unchanged lines, and how many lines changed speaker.
    public static func keep(_ edited: Script, in fresh: Script) -> (script: Script, kept: Int) {
        let old = edited.scenes.flatMap(\.lines)
        let new = fresh.scenes.flatMap(\.lines)
        func key(_ line: ScriptLine) -> String { "\(line.kind.rawValue)|\(line.text)" }
        let difference = new.map(key).difference(from: old.map(key))
        var removed: Set<Int> = []
        var inserted: Set<Int> = []
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        // Walk both sequences: what is neither removed nor inserted is the same line.
        var speakers: [Int: String] = [:]
        var i = 0
        var j = 0
        while i < old.count, j < new.count {
            if removed.contains(i) {
                i += 1
                continue
            }
            if inserted.contains(j) {
                j += 1
                continue
            }
            if old[i].kind == .dialogue, old[i].speaker != new[j].speaker { speakers[j] = old[i].speaker }
            i += 1
            j += 1
        }
        var script = fresh
        var position = 0
        for s in script.scenes.indices {
            for l in script.scenes[s].lines.indices {
                if let speaker = speakers[position] {
                    script.scenes[s].lines[l].speaker = speaker
                    script.scenes[s].lines[l].rule = "kept"
                    script.scenes[s].lines[l].confidence = 1
                }
                position += 1
            }
        }
        script.characters = recount(script, known: fresh.characters + edited.characters)
        return (script, speakers.count)
    }

    /// The character list for the script's dialogue, genders taken from `known`.
    static func recount(_ script: Script, known: [Script.Character]) -> [Script.Character] {
        let counts = script.dialogueCounts.filter { $0.key != ScriptLine.narrator && $0.key != ScriptLine.unknown }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { name, lines in
            var character = known.first { $0.name == name } ?? Script.Character(name: name)
            character.lines = lines
            return character
        }
    }
}

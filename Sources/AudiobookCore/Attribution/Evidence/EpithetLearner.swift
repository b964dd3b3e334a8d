/// Learns which character a descriptive tag subject (`said the doctor`) stands for. A novel calls
/// the same person by name and by epithet in the same scenes, so the epithet goes to the character
/// whose named speech tags share the most scenes with it (by the Jaccard index over scenes), when
/// the epithet is used often enough and the match is clear. Someone named as speaking just before
/// or after the epithet talks with it, and is not it. With a cast the epithet is learnt even when a
/// cast entry bears its name ("The Doctor"): in scenes where the learnt character speaks, the
/// epithet means them.
struct EpithetLearner {
    let book: BookPassages
    let tags: [QuoteID: SpeechTag]
    let table: CharacterTable
    let namedSpeakers: [Set<CharacterID>]
    let weights: AttributionWeights.Epithets

    func epithets() -> [String: CharacterID] {
        var epithetScenes: [String: (scenes: Set<Int>, gender: Gender, uses: Int)] = [:]
        for (ref, tag) in tags {
            guard case .description(let phrase, let gender) = tag.subject, phrase.hasPrefix("the ") else { continue }
            let scene = book.sceneOfPassage[ref.paragraph]
            epithetScenes[phrase, default: ([], gender, 0)].scenes.insert(scene)
            epithetScenes[phrase, default: ([], gender, 0)].uses += 1
        }
        var speakerScenes: [CharacterID: Int] = [:]
        for scene in namedSpeakers { for id in scene { speakerScenes[id, default: 0] += 1 } }
        // Whoever a named tag has speaking just before or after the epithet is the one it talks with, not the one it is.
        var partners: [String: [CharacterID: Int]] = [:]
        for (ref, tag) in tags {
            guard case .description(let phrase, _) = tag.subject, phrase.hasPrefix("the ") else { continue }
            for q in [ref.paragraph - 1, ref.paragraph + 1] where book.sceneRange(of: ref.paragraph).contains(q) {
                for s in book.quoteSegments[q] {
                    if case .name(let form)? = tags[QuoteID(paragraph: q, segment: s)]?.subject,
                        let id = table.lookUp(form)
                    {
                        partners[phrase, default: [:]][id, default: 0] += 1
                        break
                    }
                }
            }
        }
        var epithets: [String: CharacterID] = [:]
        for (phrase, use) in epithetScenes
        where use.uses >= weights.minimumUses && (table.isFromCast || table.resolve(phrase) == nil) {
            var shared: [CharacterID: Int] = [:]
            for scene in use.scenes {
                for id in namedSpeakers[scene]
                where table.fits(id, use.gender) && !table[id].isNarrator
                    && partners[phrase]?[id, default: 0] ?? 0 < weights.partnerUses
                {
                    shared[id, default: 0] += 1
                }
            }
            var overlap: [CharacterID: Double] = [:]
            for (id, count) in shared {
                overlap[id] = Double(count) / Double(use.scenes.count + speakerScenes[id, default: 0] - count)
            }
            let ranked = overlap.rankedKeys()
            guard let best = ranked.first, let score = overlap[best], score >= weights.minimumOverlap,
                shared[best, default: 0] >= weights.minimumSharedScenes,
                ranked.count == 1 || score >= weights.margin * overlap[ranked[1]]!
            else { continue }
            epithets[phrase] = best
        }
        return epithets
    }
}

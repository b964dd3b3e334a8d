/// Decides the unmarked turns of one exchange together rather than one after another.
///
/// The rules before it decide each paragraph from what is near it, so one wrong guess early in an
/// exchange (a pronoun resolved to the listener) is copied down the alternation. The decoder scores
/// every assignment of speakers to the exchange's undecided paragraphs at once and keeps the best
/// (Viterbi over pairs of consecutive speakers): paragraphs that name their speaker are fixed; turns
/// alternate between adjacent paragraphs (the speaker two back speaks again, the last one seldom
/// does); what the paragraph itself says (the person its narration is about, the one the previous
/// speaker addressed, the gender of its pronoun) counts for a candidate; someone the quotation names
/// is seldom its speaker.
extension AttributionWork {
    /// Scores of the decoder (log-odds-like, added up along the exchange).
    enum DecoderWeight {
        /// The speaker of the paragraph just before speaks again with no narration between.
        static let repeatAdjacent = -2.5
        /// The speaker two back answers the one just before, with no narration between.
        static let alternateAdjacent = 1.2
        /// A third person joins an adjacent exchange.
        static let joinAdjacent = -0.6
        /// The same, across narration: the one who spoke before it goes on more often than anyone else
        /// answers (38% against 31% for the one two back, on the dev novels), unless the narration is
        /// about someone else acting.
        static let repeatAcross = 1.5
        static let repeatAcrossOthers = -0.7
        static let alternateAcross = 0.4
        static let joinAcross = -0.2
        /// Someone the scene has not yet named or heard.
        static let notYetPresent = -3.0
        /// Someone the exchange shows present (speaking under their name, or addressed) within `presenceSpan`
        /// paragraphs of it, not only talked about.
        static let present = 1.5
        /// How many paragraphs of the exchange either side of showing someone count them present.
        static let presenceSpan = 25
        /// A quotation that runs on from the paragraph before.
        static let runsOn = 1.0
        /// Someone else takes over a quotation that runs on: only when a paragraph names them.
        static let breaksRun = -2.5
        /// A tag such as `he went on` says the last speaker continues.
        static let continues = 1.5
        /// Named acting in the paragraph's own narration before the quotation (`Jane turned. "…," she said`).
        static let actingHere = 2.5
        /// A subject of the short narration since the last quotation.
        static let actingBefore = 1.5
        /// Addressed by name in the quotation just before.
        static let addressedBefore = 3.0
        /// Named, but not addressed, in the quotation just before: one time in eight the next speaker.
        static let talkedAboutBefore = -1.0
        /// Named in the paragraph's own quotation: speakers seldom name themselves.
        static let namedInOwnQuote = -4.0
        /// A candidate of the other gender than an adjacent quotation addresses without a name
        /// ("Yes, sir": the one answered and the one who answers are, nine times in ten, of that gender).
        static let addressedOtherGender = -3.0
        /// Per nat (at most one) by which the paragraph's words fit the candidate's way of talking
        /// better than the candidates' mean (`SpeakingStyles`).
        static let style = 0.6
        /// A candidate whose gender the paragraph's pronoun or description contradicts.
        static let wrongGender = -8.0
        /// A candidate whose gender is not known, for a paragraph with a pronoun or gendered description.
        static let unknownGender = -0.7
        /// The guess the local rules made (a pronoun's referent, an action beat, the one addressed),
        /// by how sure the rule was; the structural guesses (turn-taking, salience) count nothing here.
        static func guess(_ attribution: Attribution) -> Double {
            guard [.pronoun, .description, .actionBeat].contains(attribution.rule) else { return 0 }
            return max(0, attribution.confidence - 0.6) * 4
        }
    }

    /// Rules after which a paragraph's speaker is taken as given.
    static let anchoringRules: Set<AttributionRule> = [.speechVerb, .firstPerson, .selfNamed, .continued]

    /// Whether paragraph `p` names its speaker.
    func anchoredSpeaker(of p: Int) -> (first: Int, last: Int)? {
        let decided = passages[p].quoteIndices.compactMap { attributions[QuoteRef(passage: p, segment: $0)] }
        guard decided.contains(where: { AttributionWork.anchoringRules.contains($0.rule) || ($0.rule == .description && $0.confidence >= 0.7) }) else { return nil }
        let speakers = decided.compactMap(\.speaker)
        guard let first = speakers.first, let last = speakers.last else { return nil }
        return (first, last)
    }

    /// The gender the pronoun or description tags of paragraph `p` give its speaker, when they give one.
    func tagGender(_ p: Int) -> Gender? {
        passages[p].quoteIndices.lazy.compactMap { self.tags[QuoteRef(passage: p, segment: $0)]?.gender }.first
    }

    /// Whether paragraph `p`'s speaker came from what the paragraph itself says rather than from the exchange.
    func isLocalGuess(_ p: Int) -> Bool {
        passages[p].quoteIndices.contains { s in
            guard let rule = attributions[QuoteRef(passage: p, segment: s)]?.rule else { return false }
            return [.pronoun, .description, .actionBeat, .vocative].contains(rule)
        }
    }

    /// Whether every quotation of paragraph `p` is a thought (`thought Alice`): no turn in the exchange.
    func isThought(_ p: Int) -> Bool {
        passages[p].quoteIndices.allSatisfy { tags[QuoteRef(passage: p, segment: $0)]?.isThought == true }
    }

    mutating func decode(_ exchange: [Int]) {
        let run = exchange.filter { !isThought($0) }
        guard run.count >= 2 else { return }
        let anchors = run.map(anchoredSpeaker(of:))
        guard anchors.contains(where: { $0 == nil }) else { return }
        // Candidates: whoever the exchange's paragraphs were given or name as acting, most frequent first.
        var weight: [Int: Int] = [:]
        for (i, p) in run.enumerated() {
            if let anchor = anchors[i] { weight[anchor.first, default: 0] += 3; weight[anchor.last, default: 0] += 3 }
            if let guess = speaker(of: p) { weight[guess, default: 0] += 2 }
            for id in precedingSubjects[p] ?? [] { weight[id, default: 0] += 1 }
            for mention in mentions[p] where !mention.isObject { weight[mention.character, default: 0] += 1 }
        }
        let candidates = weight.filter { isLikelyPerson($0.key) && !(table.characters[$0.key].isNarrator && !firstPerson) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(7).map(\.key)
        guard candidates.count >= 2 else { return }
        // One person talking to themselves (or to someone who never answers): nothing to alternate.
        var speakers = Set(anchors.compactMap { $0?.first })
        for p in run { if let guess = speaker(of: p), isLocalGuess(p) { speakers.insert(guess) } }
        guard speakers.count >= 2 else { return }

        // Where each candidate is first seen in the scene: named in narration or in a quotation, or
        // named as a speaker. No one speaks before the story has brought them in.
        var firstSeen: [Int: Int] = [:]
        let scene = sceneRange(of: run[0])
        for p in scene.lowerBound...run[run.count - 1] {
            var seen = mentions[p].map(\.character)
            for s in passages[p].quoteIndices {
                let ref = QuoteRef(passage: p, segment: s)
                seen += Array(namedInQuote[ref] ?? [])
                if let attribution = attributions[ref], AttributionWork.anchoringRules.contains(attribution.rule), let speaker = attribution.speaker {
                    seen.append(speaker)
                }
            }
            for id in seen where firstSeen[id] == nil { firstSeen[id] = p }
        }

        // Paragraphs next to each other, the first not going on about its speaker ("…" He lit his pipe.).
        // (A thought between them is no narration.)
        let adjacent = run.indices.map { i in
            i > 0 && (run[i - 1] + 1..<run[i]).allSatisfy { !passages[$0].quoteIndices.isEmpty && isThought($0) } && speakerGoesOn(run[i - 1]) == nil
        }
        // A quotation that runs on from the paragraph before (no closing mark) is the same speaker's.
        let runsOn = run.indices.map { adjacent[$0] && passages[run[$0]].passage.continuesQuotation }
        // Those the exchange shows present (named as speaking, or addressed by name), near where it shows them:
        // a long exchange has people come and go.
        var shown: [Int: [Int]] = [:]
        for (i, p) in run.enumerated() {
            if let anchor = anchors[i] { shown[anchor.first, default: []].append(i) }
            for s in passages[p].quoteIndices { for id in vocatives[QuoteRef(passage: p, segment: s)] ?? [] { shown[id, default: []].append(i) } }
        }
        func isPresent(_ c: Int, at i: Int) -> Bool {
            shown[c]?.contains { abs($0 - i) <= DecoderWeight.presenceSpan } ?? false
        }

        // The gender each paragraph's quotations address someone by ("No, sir").
        let addressedGender: [Gender?] = run.map { p in
            let passage = passages[p]
            return passage.quoteIndices.lazy.compactMap { Vocatives.addressedGender(in: passage.tokens[$0]) }.first
        }

        // How well each paragraph's words fit each candidate's way of talking: better or worse than the
        // candidates' mean, by at most one nat.
        let styleFit: [[Double]] = run.map { p in
            let words = passages[p].quoteIndices.flatMap { SpeakingStyles.words(of: passages[p].tokens[$0]) }
            let likelihoods = candidates.map { styles.logLikelihood(of: words, by: $0) }
            let known = likelihoods.compactMap { $0 }
            guard known.count >= 2 else { return candidates.map { _ in 0 } }
            let mean = known.reduce(0, +) / Double(known.count)
            return likelihoods.map { likelihood in likelihood.map { min(1, max(-1, $0 - mean)) } ?? 0 }
        }

        // Emission: what paragraph i says about candidate c.
        func emission(_ i: Int, _ c: Int) -> Double {
            let p = run[i]
            if let anchor = anchors[i] { return anchor.first == c ? 0 : -.infinity }
            // The rest of a speech that runs on (a story told over many paragraphs) says nothing new about its teller.
            if runsOn[i] { return 0 }
            var score = 0.0
            if let seen = firstSeen[c], seen > p { score += DecoderWeight.notYetPresent }
            if isPresent(c, at: i) { score += DecoderWeight.present }
            if let gender = tagGender(p) {
                let known = table.characters[c].gender
                // `he`/`she` is never the one telling the story.
                if known == gender.opposite || table.characters[c].isNarrator { score += DecoderWeight.wrongGender }
                if known == .unknown { score += DecoderWeight.unknownGender }
            }
            if isAddressed(c, in: p) { score += DecoderWeight.namedInOwnQuote }
            // Answering, or answered by, someone who says "sir" or "ma'am".
            let known = table.characters[c].gender
            if known != .unknown {
                if i >= 1, adjacent[i], let gender = addressedGender[i - 1], gender != known { score += DecoderWeight.addressedOtherGender }
                if i + 1 < run.count, adjacent[i + 1], let gender = addressedGender[i + 1], gender != known { score += DecoderWeight.addressedOtherGender }
            }
            if let last = passages[p].quoteIndices.last, mentions[p].contains(where: { $0.segment < last && !$0.isObject && $0.character == c }) {
                score += DecoderWeight.actingHere
            }
            if (precedingSubjects[p] ?? []).contains(c) { score += DecoderWeight.actingBefore }
            if let k = candidates.firstIndex(of: c) { score += DecoderWeight.style * styleFit[i][k] }
            // Addressed by name in the quotation just before: answers. Talked about there, not to: seldom does.
            if i >= 1, run[i - 1] == p - 1 {
                let before = passages[p - 1].quoteIndices.map { QuoteRef(passage: p - 1, segment: $0) }
                if before.contains(where: { (vocatives[$0] ?? []).contains(c) }) {
                    score += DecoderWeight.addressedBefore
                }
                if before.contains(where: { (namedInQuote[$0] ?? []).contains(c) && !(vocatives[$0] ?? []).contains(c) }) {
                    score += DecoderWeight.talkedAboutBefore
                }
            }
            if let guess = passages[p].quoteIndices.compactMap({ attributions[QuoteRef(passage: p, segment: $0)] }).last, guess.speaker == c {
                score += DecoderWeight.guess(guess)
            }
            return score
        }
        let continues = run.map { p in passages[p].quoteIndices.contains { tags[QuoteRef(passage: p, segment: $0)]?.continuesSpeaker == true } }
        // Transition into paragraph i, spoken by c, after s1 (one back) and s2 (two back).
        func transition(_ i: Int, _ c: Int, _ s1: Int?, _ s2: Int?) -> Double {
            guard let s1 else { return 0 }
            if runsOn[i] { return c == s1 ? DecoderWeight.runsOn : DecoderWeight.breaksRun }
            if c == s1 {
                if continues[i] { return DecoderWeight.continues }
                if adjacent[i] { return DecoderWeight.repeatAdjacent }
                // Narration about someone else ("Poirot shook his head.") hands them the turn.
                let acting = precedingSubjects[run[i]] ?? []
                return acting.isEmpty || acting.contains(c) ? DecoderWeight.repeatAcross : DecoderWeight.repeatAcrossOthers
            }
            guard let s2 else { return 0 }
            if c == s2 { return adjacent[i] ? DecoderWeight.alternateAdjacent : DecoderWeight.alternateAcross }
            return adjacent[i] ? DecoderWeight.joinAdjacent : DecoderWeight.joinAcross
        }

        // Viterbi over (speaker one back, speaker now); index candidates.count means "none yet".
        let k = candidates.count
        let none = k
        func speakerAt(_ index: Int) -> Int? { index == none ? nil : candidates[index] }
        var score = [[Double]](repeating: [Double](repeating: -.infinity, count: k + 1), count: k + 1)
        var back: [[[Int]]] = []
        for c in 0..<k { score[none][c] = emission(0, candidates[c]) }
        for i in 1..<run.count {
            var next = [[Double]](repeating: [Double](repeating: -.infinity, count: k + 1), count: k + 1)
            var pointer = [[Int]](repeating: [Int](repeating: none, count: k + 1), count: k + 1)
            for c in 0..<k {
                let e = emission(i, candidates[c])
                guard e > -.infinity else { continue }
                for s1 in 0..<k {
                    var best = -Double.infinity
                    var bestS2 = none
                    for s2 in 0...k where score[s2][s1] > -.infinity {
                        let value = score[s2][s1] + transition(i, candidates[c], speakerAt(s1), speakerAt(s2))
                        if value > best { best = value; bestS2 = s2 }
                    }
                    if best > -.infinity { next[s1][c] = best + e; pointer[s1][c] = bestS2 }
                }
            }
            // A paragraph's given speaker is not among the candidates: nothing fits, so the exchange keeps the local rules' decisions.
            if next.allSatisfy({ $0.allSatisfy { $0 == -.infinity } }) { return }
            score = next
            back.append(pointer)
        }
        var bestEnd = (s1: none, c: none, value: -Double.infinity)
        for s1 in 0...k { for c in 0..<k where score[s1][c] > bestEnd.value { bestEnd = (s1, c, score[s1][c]) } }
        guard bestEnd.value > -.infinity else { return }
        var path = [Int](repeating: none, count: run.count)
        path[run.count - 1] = bestEnd.c
        path[run.count - 2] = bestEnd.s1
        for i in stride(from: run.count - 1, through: 2, by: -1) {
            path[i - 2] = back[i - 1][path[i - 1]][path[i]]
        }
        for (i, p) in run.enumerated() where anchors[i] == nil {
            guard let decided = speakerAt(path[i]), decided != speaker(of: p), emission(i, decided) > DecoderWeight.wrongGender / 2 else { continue }
            let tagged = passages[p].quoteIndices.contains { tags[QuoteRef(passage: p, segment: $0)] != nil }
            for s in passages[p].quoteIndices {
                let ref = QuoteRef(passage: p, segment: s)
                // A paragraph may hold two speakers ("…," she added. … "…," he continued): not over a tag's gender.
                if let gender = tags[ref]?.gender, gender == table.characters[decided].gender.opposite { continue }
                attributions[ref] = Attribution(speaker: decided, rule: tagged ? .pronoun : .turnTaking, confidence: 0.55)
            }
        }
    }
}

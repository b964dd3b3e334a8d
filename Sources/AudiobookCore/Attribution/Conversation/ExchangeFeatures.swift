/// What the exchange decoder knows of each paragraph of an exchange and of each candidate speaker,
/// and how it scores them: the emission (what paragraph i says about candidate c) and the
/// transition (whether c speaking after the two before is a usual turn).
struct ExchangeFeatures {
    /// The first and last speaker of a paragraph that names its speaker.
    struct Anchor: Equatable {
        var first: CharacterID
        var last: CharacterID
    }

    let evidence: AttributionEvidence
    let ledger: AttributionLedger
    let exchange: Exchange
    /// The exchange's paragraphs, thoughts left out.
    let run: [Int]
    let candidates: [CharacterID]
    let anchors: [Anchor?]
    /// Where each character is first seen in the scene (`firstSeen(in:)`): no one speaks before the
    /// story has brought them in.
    let firstSeen: [CharacterID: Int]
    /// Paragraph i follows i − 1 with no narration between (a thought is none), and i − 1 does not go on about its speaker.
    let adjacent: [Bool]
    /// Paragraph i's quotation runs on from the paragraph before (no closing mark).
    let runsOn: [Bool]
    /// Where the exchange shows each character present: speaking under their name, or addressed.
    let shown: [CharacterID: [Int]]
    /// The gender each paragraph's quotations address someone by ("No, sir").
    let addressedGender: [Gender?]
    /// How well each paragraph's words fit each candidate's way of talking, against the candidates' mean.
    let styleFit: [[Double]]
    /// A tag of paragraph i says the last speaker goes on (`he continued`).
    let continues: [Bool]

    let weights: AttributionWeights.Decoder

    init(
        evidence: AttributionEvidence, ledger: AttributionLedger, exchange: Exchange, run: [Int],
        candidates: [CharacterID],
        anchors: [Anchor?], styles: SpeakingStyles, firstSeen: [CharacterID: Int]
    ) {
        self.evidence = evidence
        self.ledger = ledger
        self.exchange = exchange
        self.run = run
        self.candidates = candidates
        self.anchors = anchors
        weights = evidence.weights.decoder
        let book = evidence.book
        self.firstSeen = firstSeen
        adjacent = run.indices.map { i in
            i > 0 && (run[i - 1] + 1..<run[i]).allSatisfy { !book.quoteSegments[$0].isEmpty && evidence.isThought($0) }
                && evidence.speakerGoesOn(run[i - 1], ledger: ledger) == nil
        }
        let adjacent = adjacent
        runsOn = run.indices.map { adjacent[$0] && book[run[$0]].passage.continuesQuotation }
        var shown: [CharacterID: [Int]] = [:]
        for (i, p) in run.enumerated() {
            if let anchor = anchors[i] { shown[anchor.first, default: []].append(i) }
            for ref in book.quotes(of: p) {
                for id in evidence.vocatives[ref] ?? [] { shown[id, default: []].append(i) }
            }
        }
        self.shown = shown
        addressedGender = run.map { p in
            book.quoteSegments[p].lazy.compactMap { Vocatives.addressedGender(in: book[p].tokens[$0]) }.first
        }
        let limit = evidence.weights.decoder.styleLimit
        styleFit = run.map { p in
            let words = book.quoteSegments[p].flatMap { SpeakingStyles.words(of: book[p].tokens[$0]) }
            let likelihoods = candidates.map { styles.logLikelihood(of: words, by: $0) }
            let known = likelihoods.compactMap { $0 }
            guard known.count >= 2 else { return candidates.map { _ in 0 } }
            let mean = known.reduce(0, +) / Double(known.count)
            return likelihoods.map { likelihood in likelihood.map { min(limit, max(-limit, $0 - mean)) } ?? 0 }
        }
        continues = run.map { p in book.quotes(of: p).contains { evidence.tags[$0]?.continuesSpeaker == true } }
    }

    /// Where each character is first seen in a scene: named in narration or in a quotation, or
    /// named as a speaker by a rule that fixes its paragraph. Computed once per scene, in one pass.
    static func firstSeen(
        in scene: Range<Int>, evidence: AttributionEvidence, ledger: AttributionLedger
    ) -> [CharacterID: Int] {
        var firstSeen: [CharacterID: Int] = [:]
        for p in scene {
            var seen = evidence.mentions[p].map(\.character)
            for segment in evidence.book.quoteSegments[p] {
                let ref = QuoteID(paragraph: p, segment: segment)
                seen += Array(evidence.namedInQuote[ref] ?? [])
                if let attribution = ledger[ref], ExchangeDecoder.anchoringRules.contains(attribution.rule),
                    let speaker = attribution.speaker
                {
                    seen.append(speaker)
                }
            }
            for id in seen where firstSeen[id] == nil { firstSeen[id] = p }
        }
        return firstSeen
    }

    func isPresent(_ c: CharacterID, at i: Int) -> Bool {
        shown[c]?.contains { abs($0 - i) <= weights.presenceSpan } ?? false
    }

    /// What paragraph i says about candidate c: −∞ for anyone but a fixed paragraph's speaker.
    func emission(_ i: Int, _ c: CharacterID) -> Double {
        if let anchor = anchors[i] { return anchor.first == c ? 0 : -.infinity }
        return emissionFeatures(i, c).reduce(0) { $0 + weights[$1.feature] * $1.value }
    }

    /// The values of the evidence paragraph i gives about candidate c (nothing for a fixed paragraph),
    /// in a fixed order, so their sum is the same in every run.
    func emissionFeatures(_ i: Int, _ c: CharacterID) -> AttributionWeights.FeatureValues {
        var values: AttributionWeights.FeatureValues = []
        if anchors[i] != nil { return values }
        let p = run[i]
        let table = evidence.table
        // The rest of a speech that runs on (a story told over many paragraphs) says nothing new about its teller.
        if runsOn[i] { return values }
        // (Seen only after the whole exchange counts as not seen: the exchange does not look ahead.)
        if let seen = firstSeen[c], seen > p, seen <= run[run.count - 1] { values.append((.notYetPresent, 1)) }
        if isPresent(c, at: i) { values.append((.present, 1)) }
        if let gender = evidence.tagGender(p) {
            let known = table[c].gender
            // `he`/`she` is never the one telling the story.
            if known == gender.opposite || table[c].isNarrator { values.append((.wrongGender, 1)) }
            if known == .unknown { values.append((.unknownGender, 1)) }
        }
        if evidence.isAddressed(c, in: p) { values.append((.namedInOwnQuote, 1)) }
        // Answering, or answered by, someone who says "sir" or "ma'am".
        let known = table[c].gender
        if known != .unknown {
            if i >= 1, adjacent[i], let gender = addressedGender[i - 1], gender != known {
                values.append((.addressedOtherGender, 1))
            }
            if i + 1 < run.count, adjacent[i + 1], let gender = addressedGender[i + 1], gender != known {
                values.append((.addressedOtherGender, 1))
            }
        }
        if let last = evidence.book.quoteSegments[p].last,
            evidence.mentions[p].contains(where: { $0.segment < last && !$0.isObject && $0.character == c })
        {
            values.append((.actingHere, 1))
        }
        if (exchange.precedingSubjects[p] ?? []).contains(c) { values.append((.actingBefore, 1)) }
        if let k = candidates.firstIndex(of: c), styleFit[i][k] != 0 { values.append((.style, styleFit[i][k])) }
        // Addressed by name in the quotation just before: answers. Talked about there, not to: seldom does.
        if i >= 1, run[i - 1] == p - 1 {
            let before = evidence.book.quotes(of: p - 1)
            if before.contains(where: { (evidence.vocatives[$0] ?? []).contains(c) }) {
                values.append((.addressedBefore, 1))
            }
            if before.contains(where: {
                (evidence.namedInQuote[$0] ?? []).contains(c) && !(evidence.vocatives[$0] ?? []).contains(c)
            }) {
                values.append((.talkedAboutBefore, 1))
            }
        }
        if let guess = ledger.decisions(in: p).last, guess.speaker == c {
            let sure = self.guess(guess)
            if sure > 0 { values.append((.guess, sure)) }
        }
        return values
    }

    /// The guess the local rules made (a pronoun's referent, an action beat, a description), by how sure
    /// the rule was; the structural guesses (turn-taking, salience) count nothing here.
    func guess(_ attribution: Attribution) -> Double {
        guard [.pronoun, .description, .actionBeat].contains(attribution.rule) else { return 0 }
        return max(0, attribution.confidence - weights.guessFloor)
    }

    /// Entering paragraph i with speaker c after s1 (one back) and s2 (two back).
    func transition(_ i: Int, _ c: CharacterID, _ s1: CharacterID?, _ s2: CharacterID?) -> Double {
        transitionFeature(i, c, s1, s2).map { weights[$0] } ?? 0
    }

    /// Which kind of turn entering paragraph i with speaker c after s1 and s2 is (nil: none that scores).
    func transitionFeature(
        _ i: Int, _ c: CharacterID, _ s1: CharacterID?, _ s2: CharacterID?
    ) -> AttributionWeights.Decoder.Feature? {
        guard let s1 else { return nil }
        if runsOn[i] { return c == s1 ? .runsOn : .breaksRun }
        if c == s1 {
            if continues[i] { return .continues }
            if adjacent[i] { return .repeatAdjacent }
            // Narration about someone else ("Poirot shook his head.") hands them the turn.
            let acting = exchange.precedingSubjects[run[i]] ?? []
            return acting.isEmpty || acting.contains(c) ? .repeatAcross : .repeatAcrossOthers
        }
        guard let s2 else { return nil }
        if c == s2 { return adjacent[i] ? .alternateAdjacent : .alternateAcross }
        return adjacent[i] ? .joinAdjacent : .joinAcross
    }
}

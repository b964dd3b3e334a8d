/// Decides the unmarked turns of one exchange together rather than one after another.
///
/// The stages before it decide each paragraph from what is near it, so one wrong guess early in an
/// exchange (a pronoun resolved to the listener) is copied down the alternation. The decoder scores
/// every assignment of speakers to the exchange's undecided paragraphs at once and keeps the best
/// (`Viterbi` over pairs of consecutive speakers, scored by `ExchangeFeatures`): paragraphs that name
/// their speaker are fixed; turns alternate between adjacent paragraphs; what the paragraph itself
/// says counts for a candidate; someone the quotation names is seldom its speaker. A line it gives
/// another speaker says so: its rule is `decoded`.
struct ExchangeDecoder {
    let evidence: AttributionEvidence
    let styles: SpeakingStyles
    /// Per scene: where each character is first seen (`ExchangeFeatures.firstSeen`), from the ledger as
    /// the decoder finds it (it changes no rule that fixes a paragraph, so these stay true).
    let firstSeen: [[CharacterID: Int]]

    init(evidence: AttributionEvidence, styles: SpeakingStyles, ledger: AttributionLedger) {
        self.evidence = evidence
        self.styles = styles
        firstSeen = evidence.book.sceneRanges.map {
            ExchangeFeatures.firstSeen(in: $0, evidence: evidence, ledger: ledger)
        }
    }

    /// Rules after which a paragraph's speaker is taken as given.
    static let anchoringRules: Set<AttributionRule> = [.speechVerb, .firstPerson, .selfNamed, .continued]

    /// Whether paragraph `p` names its speaker, and who speaks first and last in it.
    func anchor(of p: Int, ledger: AttributionLedger) -> ExchangeFeatures.Anchor? {
        let decided = ledger.decisions(in: p)
        let surely = evidence.weights.decoder.anchoringDescription
        guard
            decided.contains(where: {
                Self.anchoringRules.contains($0.rule) || ($0.rule == .description && $0.confidence >= surely)
            })
        else {
            return nil
        }
        let speakers = decided.compactMap(\.speaker)
        guard let first = speakers.first, let last = speakers.last else { return nil }
        return ExchangeFeatures.Anchor(first: first, last: last)
    }

    /// Whether paragraph `p`'s speaker came from what the paragraph itself says rather than from the exchange.
    func isLocalGuess(_ p: Int, ledger: AttributionLedger) -> Bool {
        ledger.decisions(in: p).contains { [.pronoun, .description, .actionBeat, .vocative].contains($0.rule) }
    }

    /// Whoever the exchange's paragraphs were given or name as acting, most often first.
    func candidates(
        _ run: [Int], anchors: [ExchangeFeatures.Anchor?], exchange: Exchange, ledger: AttributionLedger
    ) -> [CharacterID] {
        let weights = evidence.weights.decoder
        var votes: [CharacterID: Int] = [:]
        for (i, p) in run.enumerated() {
            if let anchor = anchors[i] {
                votes[anchor.first, default: 0] += weights.candidateAnchorVotes
                votes[anchor.last, default: 0] += weights.candidateAnchorVotes
            }
            if let guess = ledger.speaker(of: p) { votes[guess, default: 0] += weights.candidateGuessVotes }
            for id in exchange.precedingSubjects[p] ?? [] { votes[id, default: 0] += weights.candidateMentionVotes }
            for mention in evidence.mentions[p] where !mention.isObject {
                votes[mention.character, default: 0] += weights.candidateMentionVotes
            }
        }
        let table = evidence.table
        return Array(
            votes.filter { table.isLikelyPerson($0.key) && !(table[$0.key].isNarrator && !evidence.isFirstPerson) }
                .rankedKeys().prefix(weights.candidates))
    }

    func decode(_ exchange: Exchange, ledger: inout AttributionLedger) {
        let run = exchange.paragraphs.filter { !evidence.isThought($0) }
        guard run.count >= 2 else { return }
        let anchors = run.map { anchor(of: $0, ledger: ledger) }
        guard anchors.contains(where: { $0 == nil }) else { return }
        let candidates = candidates(run, anchors: anchors, exchange: exchange, ledger: ledger)
        guard candidates.count >= 2 else { return }
        // One person talking to themselves (or to someone who never answers): nothing to alternate.
        var speakers = Set(anchors.compactMap { $0?.first })
        for p in run {
            if let guess = ledger.speaker(of: p), isLocalGuess(p, ledger: ledger) { speakers.insert(guess) }
        }
        guard speakers.count >= 2 else { return }
        let features = ExchangeFeatures(
            evidence: evidence, ledger: ledger, exchange: exchange, run: run, candidates: candidates,
            anchors: anchors, styles: styles, firstSeen: firstSeen[exchange.scene])
        if ledger.decoderExamples != nil {
            ledger.decoderExamples!.append(example(features))
        }
        // A paragraph's given speaker is not among the candidates: nothing fits, so the exchange keeps the local rules' decisions.
        guard
            let path = Viterbi.bestPath(
                length: run.count, states: candidates.count,
                emission: { features.emission($0, candidates[$1]) },
                transition: {
                    features.transition($0, candidates[$1], $2.map { candidates[$0] }, $3.map { candidates[$0] })
                })
        else { return }
        let table = evidence.table
        for (i, p) in run.enumerated() where anchors[i] == nil {
            guard let decided = path[i].map({ candidates[$0] }), decided != ledger.speaker(of: p),
                !features.emissionFeatures(i, decided).contains(where: { $0.feature == .wrongGender })
            else { continue }
            for ref in evidence.book.quotes(of: p) {
                // A paragraph may hold two speakers ("…," she added. … "…," he continued): not over a tag's gender.
                if let gender = evidence.tags[ref]?.gender, gender == table[decided].gender.opposite { continue }
                ledger[ref] = Attribution(
                    speaker: decided, rule: .decoded, confidence: evidence.weights.confidences.decoded)
            }
        }
    }

    /// What the decoder saw of one exchange, to fit its weights from (`DecoderExample`).
    func example(_ features: ExchangeFeatures) -> DecoderExample {
        let table = evidence.table
        let candidates = features.candidates
        let book = evidence.book
        let other = CharacterID(-1)
        let another = CharacterID(-2)
        let paragraphs = features.run.enumerated().map { i, p in
            DecoderExample.Paragraph(
                quotes: book.quotes(of: p).map {
                    let segment = book[p].passage.segments[$0.segment]
                    return [segment.start, segment.end]
                },
                anchor: features.anchors[i].map { candidates.firstIndex(of: $0.first) ?? -1 },
                emission: candidates.map { c in
                    Dictionary(
                        features.emissionFeatures(i, c).map { ($0.feature.rawValue, $0.value) }, uniquingKeysWith: +)
                },
                transition: candidates.map { c in
                    [
                        features.transitionFeature(i, c, c, other), features.transitionFeature(i, c, other, c),
                        features.transitionFeature(i, c, other, another), features.transitionFeature(i, c, other, nil),
                    ].map { $0?.rawValue }
                })
        }
        return DecoderExample(candidates: candidates.map { table[$0].name }, paragraphs: paragraphs)
    }
}

/// One exchange as the decoder saw it: its candidates, and per paragraph its quotations (byte offsets
/// in the manuscript, as the script's lines have them), the candidate a rule fixed it to, and the
/// feature values for each candidate (the local rules' guess among them, as `guess`). `scripts/fit-attribution.py` fits the
/// decoder's weights from these, matched with annotated speakers.
public struct DecoderExample: Codable, Sendable {
    public struct Paragraph: Codable, Sendable {
        public var quotes: [[Int]]
        /// The candidate a rule fixed the paragraph to (−1: someone not among them); nil when open.
        public var anchor: Int?
        /// Per candidate: the emission features and their values.
        public var emission: [[String: Double]]
        /// Per candidate: the transition feature when they speak again after themselves, answer the one
        /// two back, join a pair, or follow one speaker at the start of the exchange.
        public var transition: [[String?]]
    }

    public var candidates: [String]
    public var paragraphs: [Paragraph]
}

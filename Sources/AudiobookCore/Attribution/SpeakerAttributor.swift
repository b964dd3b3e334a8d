/// Decides who speaks every quotation.
///
/// First the evidence is built (`AttributionEvidence`: tags, characters, mentions, epithets, cast
/// descriptions); then the stages run in the order declared here, each reading the evidence and
/// writing its decisions into the ledger:
///
/// 1. per paragraph, as each scene is read in order (`SceneReader`): explicit tags, self-named
///    speakers, continued quotations, quotations in the same paragraph, action beats;
/// 2. per exchange of the scene: hand-offs and vocatives, turn-taking, salience;
/// 3. over the whole book: the exchange decoder, naming each scene's narrator.
///
/// Every tuned number comes from `weights`.
public struct SpeakerAttributor: Sendable {
    /// The result: characters, and an attribution for every quotation.
    public struct Result: Sendable {
        /// The characters found or given.
        public var table: CharacterTable
        /// Per scene: the character the first-person narrator is in that scene, when others name them.
        public var sceneNarrators: [CharacterID?]
        /// What the exchange decoder saw of each exchange, when `keepsDecoderExamples` is set.
        public var decoderExamples: [DecoderExample]
        let ledger: AttributionLedger
        let book: BookPassages

        /// The attribution of a quotation (`unknown` when no stage decided it), a first-person
        /// narrator's lines under the name their scene gives them.
        func attribution(for quote: QuoteID) -> Attribution {
            var attribution = ledger[quote] ?? .unknown
            if let narrator = table.narratorID, attribution.speaker == narrator,
                let named = sceneNarrators[book.sceneOfPassage[quote.paragraph]]
            {
                attribution.speaker = named
            }
            return attribution
        }
    }

    /// Every confidence, window, threshold and decoder weight.
    public var weights = AttributionWeights()
    /// Whether the result keeps what the decoder saw (`Result.decoderExamples`), to fit weights from.
    public var keepsDecoderExamples = false

    /// The stages that decide a paragraph from what it says about itself, in order.
    var paragraphStages: [any ParagraphStage] = [
        ExplicitTagStage(), SelfNamedStage(), ContinuedQuotationStage(), SameParagraphStage(), ActionBeatStage(),
    ]
    /// The stages that decide an exchange's unmarked turns, in order, once its scene has been read.
    var exchangeStages: [any ExchangeStage] = [HandOffStage(), TurnTakingStage(), SalienceStage()]
    /// The stages over the whole book, in order.
    var bookStages: [any BookStage] = [ExchangeDecoderStage(), SceneNarratorStage()]

    /// The names of the stages, in the order they run.
    var stageNames: [String] {
        (paragraphStages.map { $0 as Any } + exchangeStages.map { $0 as Any } + bookStages.map { $0 as Any })
            .map { String(describing: type(of: $0)) }
    }

    /// The same attributor without the stage of that name (to see what the stage decides).
    func without(_ stage: String) -> SpeakerAttributor {
        var copy = self
        copy.paragraphStages.removeAll { String(describing: type(of: $0)) == stage }
        copy.exchangeStages.removeAll { String(describing: type(of: $0)) == stage }
        copy.bookStages.removeAll { String(describing: type(of: $0)) == stage }
        return copy
    }

    /// Creates an attributor with the measured weights.
    public init() {}

    /// Attributes every quotation of the book.
    func attribute(_ book: BookPassages, cast: CastFile?) -> Result {
        let evidence = AttributionEvidence(book: book, cast: cast, weights: weights)
        var ledger = AttributionLedger(book: book)
        if keepsDecoderExamples { ledger.decoderExamples = [] }
        let reader = SceneReader(evidence: evidence, stages: paragraphStages)
        var exchanges: [Exchange] = []
        for scene in book.sceneRanges.indices {
            let found = reader.read(scene, ledger: &ledger)
            for stage in exchangeStages {
                for exchange in found { stage.decide(exchange, evidence: evidence, ledger: &ledger) }
            }
            exchanges += found
        }
        for stage in bookStages { stage.decide(exchanges, evidence: evidence, ledger: &ledger) }
        return Result(
            table: evidence.table, sceneNarrators: ledger.sceneNarrators,
            decoderExamples: ledger.decoderExamples ?? [], ledger: ledger, book: book)
    }
}

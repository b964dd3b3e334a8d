/// Every tuned number of attribution in one place: the confidence of each rule and path, the
/// windows and thresholds the evidence is gathered with, and the weights of the exchange decoder.
///
/// `SpeakerAttributor` holds one value of this type; another set of weights (fitted from data, say)
/// is another value. Each entry says what was measured to choose it: unless it says otherwise,
/// "measured" means on the PDNC dev novels, and a confidence is how often its rule (or path) was
/// right there.
public struct AttributionWeights: Sendable, Equatable {
    /// How sure each rule is, per path where a rule has several.
    public struct Confidences: Sendable, Equatable {
        /// A named speaker in the tag (`said Tessa`), or a cast alias (`said the beadle`): 0.95 measured.
        public var speechVerb = 0.95
        /// `I said` in a first-person book: 0.95 measured.
        public var firstPerson = 0.95
        /// The speaker gives their own name (`My name is Oliver`): 0.90 measured.
        public var selfNamed = 0.9
        /// A speech running on from the paragraph before: 0.90 measured.
        public var continued = 0.9
        /// An untagged quotation beside a tagged one in its paragraph: 0.85 measured.
        public var sameParagraph = 0.85
        /// What a weak verb (a beat: smiled, nodded) takes off a tag's confidence.
        public var weakTagPenalty = 0.15
        /// A pronoun: one named acting in the paragraph, the subject of the narration just before,
        /// the one the last speaker addressed, or the last speaker going on (`he went on`): 0.85 measured.
        public var pronounNear = 0.85
        /// A pronoun: the other participant of the exchange: 0.75 measured.
        public var pronounOtherParticipant = 0.75
        /// A pronoun: the last one mentioned nearby, or the last speaker: 0.60 measured.
        public var pronounNearby = 0.6
        /// Taken off a pronoun's referent whose gender is not known (rather than known to fit).
        public var pronounUnknownGenderPenalty = 0.1
        /// `replied the other`, or a description resolved like a pronoun, or an epithet the book uses
        /// elsewhere when no one in the scene fits: 0.55 measured.
        public var description = 0.55
        /// `cried his wife`, `said her mother`: the relative of the one the possessive points to.
        public var relative = 0.85
        /// An epithet the book uses for one character (`said the doctor`), who takes part in the scene.
        public var epithet = 0.9
        /// With a cast, a description matching an entry described the same way.
        public var castDescription = 0.85
        /// Action beat: narration about one character only (`Sasha shook her head.`): 0.80 measured.
        public var actionBeat = 0.8
        /// Action beat: the subject opening a paragraph that names several people: three times in four.
        public var actionBeatFirstSubject = 0.75
        /// Action beat: a leading `He …`/`She …` resolved like a pronoun.
        public var actionBeatPronoun = 0.5
        /// A short narration paragraph about one person hands them the next untagged turn.
        public var handOff = 0.8
        /// The previous speaker addressed this one by name: 0.85 measured.
        public var vocative = 0.85
        /// Turns alternating in a block of adjacent dialogue paragraphs: 0.85 measured.
        public var turnTaking = 0.85
        /// The other person of the exchange, next to a decided turn.
        public var turnTakingPartner = 0.6
        /// Turns alternating across narration: a weaker sign.
        public var turnTakingAcross = 0.5
        /// Taken off a turn decided from the paragraphs after it rather than before.
        public var turnTakingBackwardPenalty = 0.05
        /// The most prominent fitting character nearby: 0.35 measured.
        public var salience = 0.35
        /// No one else is about: the narrator, or the same person going on.
        public var salienceAlone = 0.2
        /// A line the exchange decoder gave another speaker than the local rules did.
        public var decoded = 0.55
    }

    /// How far evidence is looked for, in paragraphs or words.
    public struct Windows: Sendable, Equatable {
        /// A narration paragraph longer than this (in words) ends an exchange.
        public var conversationBreakWords = 60
        /// How many paragraphs back a name several characters share is looked for.
        public var disambiguationParagraphs = 20
        /// A pronoun goes to the other participant only while less narration than this (in words)
        /// has passed since the last quotation.
        public var otherParticipantWords = 40
        /// How many paragraphs back a pronoun's nearest mention is looked for.
        public var pronounParagraphs = 8
        /// How many paragraphs back the possessor of `his wife` is looked for.
        public var relativeParagraphs = 3
        /// How many recent speakers an exchange remembers.
        public var recentSpeakers = 4
    }

    /// The salience fallback: who is prominent nearby.
    public struct Salience: Sendable, Equatable {
        /// Paragraphs looked back over (the paragraph itself included).
        public var paragraphsBefore = 12
        /// Paragraphs looked ahead over, the paragraph itself included (so two after it).
        public var paragraphsAfter = 3
        /// A paragraph of an earlier scene counts at this weight: people carry over a scene break.
        public var earlierSceneWeight = 0.5
        /// A mention as the subject of its clause, against 1 for any other.
        public var subjectWeight = 1.5
        /// A paragraph's speaker, against 1 for a mention.
        public var speakerWeight = 1.0
        /// A mention in the paragraphs after, divided by the distance.
        public var afterWeight = 0.3
    }

    /// Learning which character an epithet (`the doctor`) stands for.
    public struct Epithets: Sendable, Equatable {
        /// The epithet is used in at least this many tags.
        public var minimumUses = 3
        /// It shares at least this many scenes with the character's named tags.
        public var minimumSharedScenes = 2
        /// The Jaccard index of their scenes is at least this.
        public var minimumOverlap = 0.2
        /// And this many times the runner-up's.
        public var margin = 1.5
        /// Someone a named tag has speaking right next to the epithet this often talks with it, and is not it.
        public var partnerUses = 2
    }

    /// Telling a first-person book.
    public struct FirstPerson: Sendable, Equatable {
        /// `I`, `me`, `my` are more than one word in this many of the narration.
        public var narrationShare = 200
        /// Or this many tags say `I said`.
        public var tags = 3
    }

    /// How each character talks (`SpeakingStyles`).
    public struct Styles: Sendable, Equatable {
        /// How much a character's own word counts weigh against the book's (Dirichlet smoothing).
        public var smoothing = 200.0
        /// Fewer words than this in a character's named quotations say nothing of their style.
        public var minimumWords = 80
    }

    /// The exchange decoder's scores (log-odds-like, added up along the exchange) and its limits.
    public struct Decoder: Sendable, Equatable {
        /// The speaker of the paragraph just before speaks again with no narration between.
        public var repeatAdjacent = -2.5
        /// The speaker two back answers the one just before, with no narration between.
        public var alternateAdjacent = 1.2
        /// A third person joins an adjacent exchange.
        public var joinAdjacent = -0.6
        /// Across narration the one who spoke before it goes on (38% measured, against 31% for the
        /// one two back), unless the narration is about someone else acting.
        public var repeatAcross = 1.5
        public var repeatAcrossOthers = -0.7
        public var alternateAcross = 0.4
        public var joinAcross = -0.2
        /// Someone the scene has not yet named or heard.
        public var notYetPresent = -3.0
        /// Someone the exchange shows present (speaking under their name, or addressed) within
        /// `presenceSpan` paragraphs, not only talked about.
        public var present = 1.5
        public var presenceSpan = 25
        /// A quotation that runs on from the paragraph before.
        public var runsOn = 1.0
        /// Someone else takes over a quotation that runs on.
        public var breaksRun = -2.5
        /// A tag such as `he went on` says the last speaker continues.
        public var continues = 1.5
        /// Named acting in the paragraph's own narration before the quotation.
        public var actingHere = 2.5
        /// A subject of the short narration since the last quotation.
        public var actingBefore = 1.5
        /// Addressed by name in the quotation just before.
        public var addressedBefore = 3.0
        /// Named, not addressed, in the quotation just before: one time in eight the next speaker (measured).
        public var talkedAboutBefore = -1.0
        /// Named in the paragraph's own quotation: speakers seldom name themselves.
        public var namedInOwnQuote = -4.0
        /// Of the other gender than an adjacent `sir` or `ma'am` (nine times in ten measured).
        public var addressedOtherGender = -3.0
        /// Per nat (at most `styleLimit`) by which the words fit the candidate's way of talking
        /// better than the candidates' mean.
        public var style = 0.6
        public var styleLimit = 1.0
        /// A candidate whose gender the paragraph's pronoun or description contradicts.
        public var wrongGender = -8.0
        /// A candidate of unknown gender, for a paragraph with a pronoun or gendered description.
        public var unknownGender = -0.7
        /// The local rules' guess counts by `(confidence − guessFloor) × guessScale`.
        public var guessFloor = 0.6
        public var guessScale = 4.0
        /// A description decided at least this surely fixes its paragraph's speaker.
        public var anchoringDescription = 0.7
        /// The most candidates an exchange is decoded over.
        public var candidates = 7
        /// How a candidate is ranked: per paragraph fixed to them, guessed for them, or naming them.
        public var candidateAnchorVotes = 3
        public var candidateGuessVotes = 2
        public var candidateMentionVotes = 1

        /// The evidence the decoder scores: each feature has a value for a paragraph and a candidate
        /// (emission) or for a turn (transition), and a paragraph's score is the sum of the values
        /// times their weights. The weights are what `scripts/fit-attribution.py` fits from data.
        public enum Feature: String, CaseIterable, Sendable {
            case repeatAdjacent, alternateAdjacent, joinAdjacent
            case repeatAcross, repeatAcrossOthers, alternateAcross, joinAcross
            case notYetPresent, present, runsOn, breaksRun, continues
            case actingHere, actingBefore, addressedBefore, talkedAboutBefore, namedInOwnQuote
            case addressedOtherGender, style, wrongGender, unknownGender
            /// The local rules' guess, by how sure it was above `guessFloor`.
            case guess
        }

        /// Where each feature's weight is kept (so a fitted set can be read in by name).
        static func keyPath(of feature: Feature) -> WritableKeyPath<Decoder, Double> {
            switch feature {
            case .repeatAdjacent: return \.repeatAdjacent
            case .alternateAdjacent: return \.alternateAdjacent
            case .joinAdjacent: return \.joinAdjacent
            case .repeatAcross: return \.repeatAcross
            case .repeatAcrossOthers: return \.repeatAcrossOthers
            case .alternateAcross: return \.alternateAcross
            case .joinAcross: return \.joinAcross
            case .notYetPresent: return \.notYetPresent
            case .present: return \.present
            case .runsOn: return \.runsOn
            case .breaksRun: return \.breaksRun
            case .continues: return \.continues
            case .actingHere: return \.actingHere
            case .actingBefore: return \.actingBefore
            case .addressedBefore: return \.addressedBefore
            case .talkedAboutBefore: return \.talkedAboutBefore
            case .namedInOwnQuote: return \.namedInOwnQuote
            case .addressedOtherGender: return \.addressedOtherGender
            case .style: return \.style
            case .wrongGender: return \.wrongGender
            case .unknownGender: return \.unknownGender
            case .guess: return \.guessScale
            }
        }

        /// The weight of a feature.
        public subscript(_ feature: Feature) -> Double {
            get { self[keyPath: Self.keyPath(of: feature)] }
            set { self[keyPath: Self.keyPath(of: feature)] = newValue }
        }
    }

    /// The feature values of one paragraph and candidate, in the order they are added up (a feature
    /// may come twice: `addressedOtherGender` from the turns on either side).
    typealias FeatureValues = [(feature: Decoder.Feature, value: Double)]

    public var confidences = Confidences()
    public var windows = Windows()
    public var salience = Salience()
    public var epithets = Epithets()
    public var firstPerson = FirstPerson()
    public var styles = Styles()
    public var decoder = Decoder()

    /// The weights as measured and tuned on the dev novels.
    public init() {}

    /// The default confidence of a rule, for the stages that decide with one.
    public func confidence(of rule: AttributionRule) -> Double {
        switch rule {
        case .speechVerb: return confidences.speechVerb
        case .firstPerson: return confidences.firstPerson
        case .selfNamed: return confidences.selfNamed
        case .continued: return confidences.continued
        case .sameParagraph: return confidences.sameParagraph
        case .pronoun: return confidences.pronounNear
        case .description: return confidences.description
        case .actionBeat: return confidences.actionBeat
        case .vocative: return confidences.vocative
        case .turnTaking: return confidences.turnTaking
        case .salience: return confidences.salience
        case .decoded: return confidences.decoded
        case .unknown: return 0
        }
    }
}

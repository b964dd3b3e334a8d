/// Decides who speaks every quotation, as a sequence of rules from the surest
/// (a named speech tag) to the weakest (who is prominent nearby).
///
/// Each scene is read in order; conversation state (who spoke last, who is in
/// the exchange) is reset at scene starts and at long stretches of narration.
public struct SpeakerAttributor: Sendable {
    /// The result: characters, and an attribution for every quotation segment.
    public struct Result: Sendable {
        /// The characters found or given.
        public var table: CharacterTable
        /// Per scene, per passage, per segment: the attribution of quotations (nil for narration).
        public var attributions: [[[Attribution?]]]
        /// Per scene: the character the first-person narrator is in that scene, when others name them.
        public var sceneNarrators: [Int?]
    }

    /// Narration paragraphs longer than this (in words) end a conversation.
    public var conversationBreakWords = 60

    /// Creates an attributor with the default settings.
    public init() {}

    /// Attributes every quotation of the book's scenes.
    func attribute(scenes: [[AnalyzedPassage]], cast: CastFile?) -> Result {
        var work = AttributionWork(scenes: scenes, settings: self)
        work.findTags()
        work.buildTable(cast: cast)
        work.findMentions()
        work.learnEpithets()
        work.matchCastDescriptions()
        let exchanges = scenes.indices.flatMap { work.attributeScene($0) }
        work.learnSpeakingStyles()
        for exchange in exchanges { work.decode(exchange) }
        work.nameSceneNarrators()
        return work.result()
    }
}

/// The state of one attribution run.
struct AttributionWork {
    struct QuoteRef: Hashable {
        var passage: Int
        var segment: Int
    }

    let settings: SpeakerAttributor
    var passages: [AnalyzedPassage] = []
    var sceneRanges: [Range<Int>] = []
    var sceneOfPassage: [Int] = []
    var tags: [QuoteRef: SpeechTag] = [:]
    var table = CharacterTable()
    var firstPerson = false
    var mentions: [[Mention]] = []
    var vocatives: [QuoteRef: [Int]] = [:]
    /// Per quotation: the characters it names (addressed or spoken of).
    var namedInQuote: [QuoteRef: Set<Int>] = [:]
    /// Per quotation: the character whose name its speaker gives as their own ("My name is Oliver").
    var ownNames: [QuoteRef: Int] = [:]
    var attributions: [QuoteRef: Attribution] = [:]
    /// Epithets ("the doctor", "the girl") that stand for one character, learnt from the scenes they are used in.
    var epithets: [String: Int] = [:]
    /// With a cast: description tags that match a cast entry described the same way ("a little
    /// hump-backed man" → "The Hump-backed Man"), and the later "the man" of the same scene.
    var castDescriptions: [QuoteRef: Int] = [:]
    /// Per scene: the characters named in its speech tags.
    var namedSpeakers: [Set<Int>] = []
    /// Per quotation paragraph: the subjects of the short narration paragraphs just before it.
    var precedingSubjects: [Int: [Int]] = [:]
    var sceneNarrators: [Int?] = []
    /// Family names the text gives characters the table knows only by given name ("Elizabeth Bennet").
    var familyNames: [Int: String] = [:]
    /// How each character talks, from the quotations named tags give them.
    var styles = SpeakingStyles(all: [], named: [])

    init(scenes: [[AnalyzedPassage]], settings: SpeakerAttributor) {
        self.settings = settings
        for scene in scenes {
            let start = passages.count
            passages += scene
            sceneRanges.append(start..<passages.count)
            sceneOfPassage += Array(repeating: sceneRanges.count - 1, count: scene.count)
        }
        sceneNarrators = Array(repeating: nil, count: scenes.count)
    }

    // MARK: Tags

    /// Finds the speech tag next to every quotation: after it, or before it,
    /// or in the narration that splits it from the quotation before.
    mutating func findTags() {
        for (p, passage) in passages.enumerated() {
            let segments = passage.segments
            for s in segments.indices where segments[s].isQuote {
                let ref = QuoteRef(passage: p, segment: s)
                // The second part of a split quotation ("…," said Tessa, "…"): the tag between the parts names the
                // speaker of both. After a sentence that ends ("…," she said. He smiled. "…," he went on), its own tag does.
                let between = s >= 2 && !segments[s - 1].isQuote && segments[s - 2].isQuote ? SpeechTagParser.tagAfterQuote(passage.tokens[s - 1]) : nil
                let own = s + 1 < segments.count && !segments[s + 1].isQuote ? SpeechTagParser.tagAfterQuote(passage.tokens[s + 1]) : nil
                let splitsSentence = s >= 1 && passage.tokens[s - 1].last?.kind != .stop
                if let between, splitsSentence || own == nil {
                    tags[ref] = between
                } else if let own {
                    tags[ref] = own
                } else if s >= 1, !segments[s - 1].isQuote, let tag = SpeechTagParser.tagBeforeQuote(passage.tokens[s - 1]) {
                    tags[ref] = tag
                }
                // A paragraph of narration that ends with a comma or colon leads into the quotation
                // that opens the next one: `Mr. Darcy replied with great intrepidity,` / `"Miss Elizabeth Bennet."`
                if tags[ref] == nil, s == passage.quoteIndices.first, passage.tokens[..<s].allSatisfy({ !$0.contains(where: \.isWord) }),
                   p > 0, sceneOfPassage[p - 1] == sceneOfPassage[p], passages[p - 1].quoteIndices.isEmpty,
                   let narration = passages[p - 1].tokens.last, narration.last?.kind == .pause,
                   let tag = SpeechTagParser.tagBeforeQuote(narration) {
                    tags[ref] = tag
                }
            }
        }
    }

    // MARK: Characters

    mutating func buildTable(cast: CastFile?) {
        var narrationWords = 0
        var firstPersonWords = 0
        for passage in passages {
            for (s, tokens) in passage.tokens.enumerated() where !passage.segments[s].isQuote {
                for token in tokens where token.isWord {
                    narrationWords += 1
                    if token.text == "I" || token.lower == "me" || token.lower == "my" { firstPersonWords += 1 }
                }
            }
        }
        let firstPersonTags = tags.values.filter { $0.subject == .firstPerson }.count
        firstPerson = firstPersonWords * 200 > narrationWords || firstPersonTags >= 3
        if let cast {
            table = CharacterTable(cast: cast)
            firstPerson = table.narratorID != nil || firstPerson
            if firstPerson, table.narratorID == nil { table.add(name: "narrator", gender: .unknown, isNarrator: true) }
            return
        }
        var discovery = CharacterDiscovery()
        let tagNames = tags.values.compactMap { tag -> String? in
            if case .name(let form) = tag.subject { return form }
            return nil
        }
        discovery.scan(passages, tagNames: tagNames)
        table = discovery.table(firstPerson: firstPerson)
    }

    /// "Elizabeth Bennet", "Miss Elizabeth Bennet" anywhere in the text: a family name for someone
    /// the table knows by a given name.
    mutating func learnFamilyNames() {
        for passage in passages {
            for tokens in passage.tokens {
                for span in NameSpan.all(in: tokens) {
                    let words = span.form.split(separator: " ").map(String.init)
                    guard words.count == (span.hasHonorific ? 3 : 2), let last = words.last, let id = table.resolve(words[words.count - 2]),
                          familyNames[id] == nil, table.resolve(last) != id,
                          NameLexicon.firstNameGender[words[words.count - 2].lowercased()] != nil else { continue }
                    familyNames[id] = last
                }
            }
        }
    }

    /// Records every character named in narration (and `I` in a first-person
    /// book), and the names addressed inside each quotation.
    mutating func findMentions() {
        learnFamilyNames()
        mentions = passages.map { passage in
            var found: [Mention] = []
            for (s, tokens) in passage.tokens.enumerated() {
                if passage.segments[s].isQuote {
                    continue
                }
                var lastObjectEnd = -1
                for span in NameSpan.all(in: tokens) {
                    guard let id = resolve(span.form) else { continue }
                    // After a preposition, or joined by `and`/`or` to a name after one ("between Matthew and Marilla").
                    let previous = span.start > 0 ? tokens[span.start - 1].lower : ""
                    let isObject = SpeechTagParser.prepositions.contains(previous) || (["and", "or"].contains(previous) && lastObjectEnd == span.start - 1)
                    if isObject { lastObjectEnd = span.end }
                    found.append(Mention(character: id, segment: s, token: span.start, isSubject: !isObject && isSubjectPosition(span.start, in: tokens),
                                         isObject: isObject))
                }
                if firstPerson, let narrator = table.narratorID {
                    for (t, token) in tokens.enumerated() where token.text == "I" {
                        found.append(Mention(character: narrator, segment: s, token: t, isSubject: true))
                    }
                }
            }
            return found.sorted { ($0.segment, $0.token) < ($1.segment, $1.token) }
        }
        namedSpeakers = Array(repeating: [], count: sceneRanges.count)
        for (ref, tag) in tags {
            if case .name(let form) = tag.subject, let id = resolve(form) { namedSpeakers[sceneOfPassage[ref.passage]].insert(id) }
        }
        // Those each scene shows taking part, for telling whom a family name is said to: acting in its
        // narration, or speaking under their name.
        let sceneNames = sceneRanges.indices.map { scene in
            namedSpeakers[scene].union(sceneRanges[scene].flatMap { mentions[$0].filter { $0.isSubject && !$0.isObject }.map(\.character) })
        }
        for (p, passage) in passages.enumerated() {
            let saysThatIsMyName = passage.quoteIndices.contains { Vocatives.saysThatIsMyName(passage.tokens[$0]) }
            for s in passage.segments.indices where passage.segments[s].isQuote {
                // Addressed by name in the quotation, or in its tag: `said the young gentleman to Oliver`.
                let ids = Vocatives.names(in: passage.tokens[s]).compactMap { span in
                    resolve(span.form).map { addressee($0, called: span.form, sceneNames: sceneNames[sceneOfPassage[p]]) }
                } + tagAddressees(p, quote: s)
                if !ids.isEmpty { vocatives[QuoteRef(passage: p, segment: s)] = ids }
                // Anyone named in a quotation: speakers seldom name themselves, unless they give their name.
                let ref = QuoteRef(passage: p, segment: s)
                var named = Set(NameSpan.all(in: passage.tokens[s]).compactMap { resolve($0.form) })
                if let own = Vocatives.ownName(in: passage.tokens[s], saysThatIsMyName: saysThatIsMyName), let id = resolve(own.form) {
                    ownNames[ref] = id
                    named.remove(id)
                    vocatives[ref]?.removeAll { $0 == id }
                }
                if !named.isEmpty { namedInQuote[ref] = named }
            }
        }
    }

    /// Who "Miss Bennet" is when said to someone: a family name with an honorific may be said to any
    /// daughter (or son) of the family. When the name's own bearer takes no part in the scene (never
    /// named in its narration, `named`), it is the one of that family and standing the scene names,
    /// if there is exactly one; else the bearer.
    func addressee(_ id: Int, called form: String, sceneNames named: Set<Int>) -> Int {
        let words = form.split(separator: " ").map(String.init)
        guard words.count == 2, let gender = NameLexicon.honorifics[words[0].lowercased()], !named.contains(id) else { return id }
        // Of the family and of the same standing: not "Mrs. Bennet" for "Miss Bennet".
        let family = named.filter { other in
            other != id && table.characters[other].gender == gender && surname(of: other) == words[1]
                && !table.characters[other].forms.keys.contains { $0.hasSuffix(" " + words[1]) && !$0.hasPrefix(words[0]) && NameLexicon.isHonorific(String($0.split(separator: " ")[0]).lowercased()) }
        }
        return family.count == 1 ? family.first ?? id : id
    }

    /// The people a speech tag next to quotation `s` of passage `p` says it is spoken to:
    /// a name after `to` that follows a speech verb in the tag's sentence ("…," said Mr. Bumble to the matron).
    func tagAddressees(_ p: Int, quote s: Int) -> [Int] {
        let passage = passages[p]
        var sentences: [ArraySlice<Token>] = []
        if s + 1 < passage.segments.count, !passage.segments[s + 1].isQuote {
            let tokens = passage.tokens[s + 1]
            sentences.append(tokens[..<(tokens.firstIndex { $0.kind == .stop } ?? tokens.count)])
        }
        if s >= 1, !passage.segments[s - 1].isQuote {
            // The last sentence of the narration before, with or without its closing stop.
            let tokens = passage.tokens[s - 1]
            let body = tokens.last?.kind == .stop ? tokens.dropLast() : tokens[...]
            sentences.append(body[((body.lastIndex { $0.kind == .stop }).map { $0 + 1 } ?? body.startIndex)...])
        }
        var found: [Int] = []
        for sentence in sentences {
            let words = Array(sentence)
            guard let verb = words.firstIndex(where: { $0.isWord && SpeechVerbs.base(of: $0.lower) != nil }) else { continue }
            for index in (verb + 1)..<max(verb + 1, words.count - 1) where words[index].lower == "to" {
                if let name = NameSpan.at(words, index + 1), let id = resolve(name.form) { found.append(id) }
            }
        }
        return found
    }

    /// Learns which character a descriptive tag subject (`said the doctor`) stands for. A novel
    /// calls the same person by name and by epithet in the same scenes, so the epithet goes to the
    /// character whose named speech tags share the most scenes with it (by the Jaccard index over
    /// scenes, two scenes at least), when the epithet is used at least three times and the match is
    /// clear. Someone named as speaking just before or after the epithet (twice or more) is the one it
    /// talks with, not the one it is. With a cast the epithet is learnt even when a cast entry bears
    /// its name ("The Doctor"): in scenes where the learnt character speaks, the epithet means them.
    mutating func learnEpithets() {
        var epithetScenes: [String: (scenes: Set<Int>, gender: Gender, uses: Int)] = [:]
        for (ref, tag) in tags {
            guard case .description(let phrase, let gender) = tag.subject, phrase.hasPrefix("the ") else { continue }
            let scene = sceneOfPassage[ref.passage]
            epithetScenes[phrase, default: ([], gender, 0)].scenes.insert(scene)
            epithetScenes[phrase, default: ([], gender, 0)].uses += 1
        }
        var speakerScenes: [Int: Int] = [:]
        for scene in namedSpeakers { for id in scene { speakerScenes[id, default: 0] += 1 } }
        // Whoever a named tag has speaking just before or after the epithet is the one it talks with, not the one it is.
        var partners: [String: [Int: Int]] = [:]
        for (ref, tag) in tags {
            guard case .description(let phrase, _) = tag.subject, phrase.hasPrefix("the ") else { continue }
            for q in [ref.passage - 1, ref.passage + 1] where sceneRange(of: ref.passage).contains(q) {
                for s in passages[q].quoteIndices {
                    if case .name(let form)? = tags[QuoteRef(passage: q, segment: s)]?.subject, let id = resolve(form) {
                        partners[phrase, default: [:]][id, default: 0] += 1
                        break
                    }
                }
            }
        }
        for (phrase, use) in epithetScenes where use.uses >= 3 && (table.isFromCast || table.resolve(phrase) == nil) {
            var shared: [Int: Int] = [:]
            for scene in use.scenes {
                for id in namedSpeakers[scene] where fits(id, use.gender) && !table.characters[id].isNarrator && partners[phrase]?[id, default: 0] ?? 0 < 2 {
                    shared[id, default: 0] += 1
                }
            }
            let ranked = shared.map { id, count in (id, Double(count) / Double(use.scenes.count + speakerScenes[id, default: 0] - count)) }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            guard let best = ranked.first, best.1 >= 0.2, shared[best.0, default: 0] >= 2, ranked.count == 1 || best.1 >= 1.5 * ranked[1].1 else { continue }
            epithets[phrase] = best.0
        }
    }

    /// Words of a description that say who: without determiners.
    static func describingWords(_ phrase: String) -> [String] {
        phrase.lowercased().split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            .filter { !SpeechTagParser.determiners.contains($0) && !SpeechTagParser.qualifiers.contains($0) }
    }

    /// Matches description tags to cast entries that are descriptions themselves ("The Hump-backed
    /// Man", "A High Piping Voice"): all the entry's words, its noun last, appear in the tag's phrase.
    /// A later description with the same noun in the same scene ("the man") is the same person.
    mutating func matchCastDescriptions() {
        guard table.isFromCast else { return }
        var entries: [(words: [String], id: Int)] = []
        for character in table.characters {
            for form in [character.name] + Array(character.forms.keys) {
                let lower = form.lowercased()
                guard lower.hasPrefix("the ") || lower.hasPrefix("a ") || lower.hasPrefix("an ") else { continue }
                let words = AttributionWork.describingWords(form)
                if words.count >= 2 { entries.append((words, character.id)) }
            }
        }
        guard !entries.isEmpty else { return }
        var lastByNoun: [String: (scene: Int, id: Int)] = [:]
        for ref in tags.keys.sorted(by: { ($0.passage, $0.segment) < ($1.passage, $1.segment) }) {
            guard case .description(let phrase, _)? = tags[ref]?.subject else { continue }
            let words = AttributionWork.describingWords(phrase)
            guard let noun = words.last else { continue }
            let scene = sceneOfPassage[ref.passage]
            let matches = Set(entries.filter { $0.words.last == noun && Set($0.words).isSubset(of: Set(words)) }.map(\.id))
            if matches.count == 1, let id = matches.first {
                castDescriptions[ref] = id
                lastByNoun[noun] = (scene, id)
            } else if matches.isEmpty, words.count == 1, let last = lastByNoun[noun], last.scene == scene {
                castDescriptions[ref] = last.id
            }
        }
    }

    /// Whether a cast gives the phrase as the alias of a named character (`The Beadle` of `Mr. Bumble`), which
    /// settles who it is; an entry that is only a description (`The Doctor`) does not.
    func isCastAlias(_ phrase: String) -> Bool {
        guard table.isFromCast, let id = table.resolve(phrase) else { return false }
        return !table.characters[id].name.lowercased().hasPrefix("the ")
    }

    /// Whether an epithet at passage `p` may mean the character: the scene names them in a speech tag or
    /// its narration (a stranger called `the doctor` may be named only later in it), or the next scene does
    /// (a stranger described before the story names him).
    func mayBeInScene(_ id: Int, at p: Int) -> Bool {
        let scene = sceneOfPassage[p]
        return [scene, scene + 1].contains { scene in
            scene < sceneRanges.count
                && (namedSpeakers[scene].contains(id) || sceneRanges[scene].contains { mentions[$0].contains { $0.character == id } })
        }
    }

    /// The character a name means; "Somehow Anne" falls back to "Anne".
    func resolve(_ form: String) -> Int? {
        if let id = table.resolve(form) { return id }
        var words = form.split(separator: " ")
        while words.count > 1, let first = words.first, first != "the", !NameLexicon.isHonorific(first.lowercased()) {
            words.removeFirst()
            if let id = table.resolve(words.joined(separator: " ")) { return id }
        }
        // A cast lists "Thomas Gradgrind"; the text says "Mr. Gradgrind": try the surname, then the given name,
        // when exactly one character of a fitting gender answers to it.
        guard table.isFromCast, words.count >= 2 || (words.count == 1 && form.contains(" ")) else { return nil }
        let all = form.split(separator: " ")
        let honorific = all.first.map { $0.lowercased() }.flatMap { NameLexicon.isHonorific($0) ? $0 : nil }
        let gender = honorific.flatMap { NameLexicon.honorifics[$0] } ?? .unknown
        let names = all.filter { !NameLexicon.isHonorific($0.lowercased()) && $0 != "the" }
        for candidate in [names.last, names.count > 1 ? names.first : nil].compactMap({ $0 }) {
            let ids = table.candidates(String(candidate)).filter { gender == .unknown || table.characters[$0].gender != (gender == .male ? .female : .male) }
            if ids.count == 1 { return ids.first }
        }
        return nil
    }

    /// A name at the start of a sentence or clause, or after `and`, is likely a subject.
    func isSubjectPosition(_ index: Int, in tokens: [Token]) -> Bool {
        if index == 0 { return true }
        let previous = tokens[index - 1]
        return previous.kind != .word || ["and", "but", "then", "while", "when", "as"].contains(previous.lower)
    }

    // MARK: Scenes

    /// Decides each paragraph of the scene from what it says and from its place in the exchange;
    /// returns the scene's exchanges, for the decoder.
    mutating func attributeScene(_ scene: Int) -> [[Int]] {
        var conversation = Conversation()
        var runs: [[Int]] = []
        for p in sceneRanges[scene] {
            let passage = passages[p]
            let quotes = passage.quoteIndices
            if quotes.isEmpty {
                if passage.narrationWordCount > settings.conversationBreakWords {
                    if !conversation.paragraphs.isEmpty { runs.append(conversation.paragraphs) }
                    conversation = Conversation()
                    // A long paragraph ends the exchange; the one its last sentence is about may speak next.
                    conversation.narrationSubjects = lastSentenceSubjects(p)
                } else {
                    conversation.narrationSinceLastQuote += passage.narrationWordCount
                    // Who the paragraph's sentences are about: the subjects it names.
                    conversation.narrationSubjects += mentions[p].filter { $0.isSubject && !$0.isObject && isLikelyPerson($0.character) }.map(\.character)
                }
                continue
            }
            precedingSubjects[p] = conversation.narrationSubjects
            attributeExplicitly(p, quotes: quotes, conversation: conversation)
            if let speaker = quotes.compactMap({ attributions[QuoteRef(passage: p, segment: $0)]?.speaker }).last {
                conversation.record(speaker)
            } else {
                conversation.record(nil)
            }
            conversation.paragraphs.append(p)
            // Narration after the paragraph's last quotation ("…" Elizabeth listened with all the insensibility of distrust)
            // is about who acts next.
            if let last = quotes.last {
                let speaker = conversation.lastSpeaker
                conversation.narrationSubjects = mentions[p].filter {
                    $0.segment > last && $0.isSubject && !$0.isObject && $0.character != speaker && isLikelyPerson($0.character)
                }.map(\.character)
                if conversation.narrationSubjects.isEmpty, let goesOn = speakerGoesOn(p) { conversation.narrationSubjects = [goesOn] }
            }
        }
        if !conversation.paragraphs.isEmpty { runs.append(conversation.paragraphs) }
        for run in runs { fillConversation(run) }
        for run in runs { fallBack(run, scene: scene) }
        return runs
    }

    /// The speaker of paragraph `p` when its narration goes on about them after its last quotation
    /// ("…I find my hookah an invaluable sedative." He applied a taper to the bowl.).
    func speakerGoesOn(_ p: Int) -> Int? {
        let passage = passages[p]
        guard let last = passage.quoteIndices.last, last + 1 < passage.segments.count, let first = passage.tokens[last + 1].first,
              first.isCapitalized, let gender = NameLexicon.subjectPronouns[first.lower], let speaker = speaker(of: p),
              table.characters[speaker].gender == gender else { return nil }
        return speaker
    }

    /// Learns how each character talks from the quotations a named tag gives them. Not a first-person
    /// narrator's (`said I`): a story told in the first person inside a quotation sounds like them.
    mutating func learnSpeakingStyles() {
        var all: [[String]] = []
        var named: [(speaker: Int, words: [String])] = []
        for (p, passage) in passages.enumerated() {
            for s in passage.quoteIndices {
                let words = SpeakingStyles.words(of: passage.tokens[s])
                all.append(words)
                if let attribution = attributions[QuoteRef(passage: p, segment: s)], attribution.rule == .speechVerb,
                   let speaker = attribution.speaker {
                    named.append((speaker, words))
                }
            }
        }
        styles = SpeakingStyles(all: all, named: named)
    }

    /// Tags, continuations, same-paragraph quotations and action beats: what a paragraph says about itself.
    mutating func attributeExplicitly(_ p: Int, quotes: [Int], conversation: Conversation) {
        let passage = passages[p]
        // Tagged quotations first.
        for s in quotes {
            let ref = QuoteRef(passage: p, segment: s)
            guard let tag = tags[ref] else { continue }
            if let attribution = resolveTag(tag, at: ref, conversation: conversation) { attributions[ref] = attribution }
        }
        // A speaker who gives their name: the paragraph is theirs, whatever a pronoun or description tag guessed.
        if let own = quotes.compactMap({ ownNames[QuoteRef(passage: p, segment: $0)] }).first,
           !quotes.contains(where: { [.speechVerb, .firstPerson].contains(attributions[QuoteRef(passage: p, segment: $0)]?.rule) }), fitsTags(own, in: p, all: true) {
            for s in quotes {
                attributions[QuoteRef(passage: p, segment: s)] = Attribution(speaker: own, rule: .selfNamed, confidence: AttributionRule.selfNamed.confidence)
            }
        }
        // A quotation continued from the previous paragraph keeps its speaker.
        if passage.passage.continuesQuotation, let first = quotes.first, attributions[QuoteRef(passage: p, segment: first)] == nil,
            let previous = lastQuote(before: p), let attribution = attributions[previous], attribution.speaker != nil
        {
            attributions[QuoteRef(passage: p, segment: first)] = Attribution(speaker: attribution.speaker, rule: .continued, confidence: min(attribution.confidence, AttributionRule.continued.confidence))
        }
        // Untagged quotations share the speaker of the nearest tagged one in the paragraph.
        for s in quotes where attributions[QuoteRef(passage: p, segment: s)] == nil {
            let decided = quotes.filter { attributions[QuoteRef(passage: p, segment: $0)]?.speaker != nil }
            guard let nearest = decided.min(by: { abs($0 - s) < abs($1 - s) }), let speaker = attributions[QuoteRef(passage: p, segment: nearest)]?.speaker else { continue }
            attributions[QuoteRef(passage: p, segment: s)] = Attribution(speaker: speaker, rule: .sameParagraph, confidence: AttributionRule.sameParagraph.confidence)
        }
        if quotes.contains(where: { attributions[QuoteRef(passage: p, segment: $0)] != nil }) { return }
        // Action beat: the narration is about one character only.
        guard let speaker = actionBeatSpeaker(p, quotes: quotes, conversation: conversation) else { return }
        for s in quotes {
            attributions[QuoteRef(passage: p, segment: s)] = Attribution(speaker: speaker.id, rule: .actionBeat, confidence: speaker.confidence)
        }
    }

    func actionBeatSpeaker(_ p: Int, quotes: [Int], conversation: Conversation) -> (id: Int, confidence: Double)? {
        let passage = passages[p]
        let addressed = Set(quotes.flatMap { vocatives[QuoteRef(passage: p, segment: $0)] ?? [] })
        // Someone named after a preposition ("She turned to Elizabeth") is acted upon, not acting.
        let named = Set(mentions[p].filter { !$0.isObject }.map(\.character).filter(isLikelyPerson)).subtracting(addressed)
        if named.count == 1, let only = named.first { return (only, AttributionRule.actionBeat.confidence) }
        if named.count > 1 {
            // Several people named: the subject of the narration's first sentence acts.
            if let first = mentions[p].first(where: { $0.isSubject && !addressed.contains($0.character) }), first.token == 0 {
                return (first.character, 0.75)
            }
            return nil
        }
        // No one named: a leading "He …" / "She …" points to the nearest fitting character.
        guard let segment = passage.segments.indices.first(where: { !passage.segments[$0].isQuote }),
              let token = passage.tokens[segment].first, let gender = NameLexicon.subjectPronouns[token.lower] else { return nil }
        guard let id = resolvePronoun(gender, at: QuoteRef(passage: p, segment: quotes[0]), conversation: conversation, continues: false)?.id else { return nil }
        return (id, 0.5)
    }

    /// Turns a tag into an attribution, resolving pronouns and descriptions against the conversation.
    func resolveTag(_ tag: SpeechTag, at ref: QuoteRef, conversation: Conversation) -> Attribution? {
        let weakPenalty = tag.isWeak ? 0.15 : 0
        switch tag.subject {
        case .name(let form):
            if let id = resolve(form) ?? disambiguate(form, at: ref) {
                return Attribution(speaker: id, rule: .speechVerb, confidence: AttributionRule.speechVerb.confidence - weakPenalty)
            }
            return nil
        case .firstPerson:
            guard let narrator = table.narratorID else { return nil }
            return Attribution(speaker: narrator, rule: .firstPerson, confidence: AttributionRule.firstPerson.confidence - weakPenalty)
        case .pronoun(let gender):
            guard let found = resolvePronoun(gender, at: ref, conversation: conversation, continues: tag.continuesSpeaker) else { return nil }
            return Attribution(speaker: found.id, rule: .pronoun, confidence: found.confidence - weakPenalty)
        case .description(let phrase, let gender):
            // "the other", "the other man": the one of the exchange who did not speak last.
            if phrase.split(separator: " ").contains("other"), let previous = conversation.lastSpeaker,
               let other = conversation.recentSpeakers.reversed().first(where: { $0 != previous && fits($0, gender) && !(vocatives[ref] ?? []).contains($0) }) {
                return Attribution(speaker: other, rule: .description, confidence: AttributionRule.description.confidence - weakPenalty)
            }
            // "his wife", "her husband": the spouse of the man or woman the possessive points to.
            if let id = relative(phrase, at: ref, conversation: conversation) {
                return Attribution(speaker: id, rule: .description, confidence: 0.85 - weakPenalty)
            }
            // An epithet the book uses for someone taking part in this scene (or named in the next); not the one who
            // just spoke, unless narration came between, the tag says they go on, or the epithet is also a cast
            // entry's (which the scene means by it).
            if let id = epithets[phrase], !isCastAlias(phrase), mayBeInScene(id, at: ref.passage), !(vocatives[ref] ?? []).contains(id),
               id != conversation.lastSpeaker || tag.continuesSpeaker || conversation.narrationSinceLastQuote > 0 || table.resolve(phrase) != nil {
                return Attribution(speaker: id, rule: .description, confidence: 0.9 - weakPenalty)
            }
            // An epithet a cast lists as someone's alias ("the beadle"), with or without the words that
            // follow its noun ("the gentleman in the white waistcoat"); never cut short of its noun
            // ("the young girl" is not "the young").
            if table.isFromCast, phrase.hasPrefix("the ") {
                let words = phrase.split(separator: " ").map(String.init)
                let noun = words.firstIndex { SpeechTagParser.qualifiers.contains($0) } ?? words.count
                let forms = noun < words.count ? [phrase, words[..<noun].joined(separator: " ")] : [phrase]
                for form in forms {
                    if let id = table.resolve(form) {
                        return Attribution(speaker: id, rule: .speechVerb, confidence: AttributionRule.speechVerb.confidence - weakPenalty)
                    }
                }
            }
            if let id = castDescriptions[ref] {
                return Attribution(speaker: id, rule: .description, confidence: 0.85 - weakPenalty)
            }
            guard let found = resolvePronoun(gender, at: ref, conversation: conversation, continues: tag.continuesSpeaker) else {
                // No one of the scene fits: the one the book calls so elsewhere (a scene that says only "the girl").
                guard let id = epithets[phrase], !(vocatives[ref] ?? []).contains(id) else { return nil }
                return Attribution(speaker: id, rule: .description, confidence: AttributionRule.description.confidence - weakPenalty)
            }
            return Attribution(speaker: found.id, rule: .description, confidence: min(found.confidence, AttributionRule.description.confidence) - weakPenalty)
        }
    }

    /// The person a relational description names: "his wife" / "his lady" / "her mother" is Mrs. and
    /// "her husband" / "her father" is Mr. with the surname of the one the possessive points to
    /// (the one the quotation addresses by name, else named in the paragraph, else the last speaker, else named shortly
    /// before), when the book has such a character.
    func relative(_ phrase: String, at ref: QuoteRef, conversation: Conversation) -> Int? {
        let words = phrase.split(separator: " ").map(String.init)
        guard words.count == 2, let possessive = ["his": Gender.male, "her": Gender.female][words[0]],
              let honorific = AttributionWork.relatives[words[1]] else { return nil }
        // "Lizzy," cried her mother: the one addressed; else one named in the paragraph, the last speaker, one named shortly before.
        let quotes = [ref.segment] + passages[ref.passage].quoteIndices.filter { $0 != ref.segment }
        var possessors = quotes.flatMap { vocatives[QuoteRef(passage: ref.passage, segment: $0)] ?? [] }.filter { table.characters[$0].gender == possessive }
        if let here = mentions[ref.passage].last(where: { $0.segment <= ref.segment + 1 && table.characters[$0.character].gender == possessive }) {
            possessors.append(here.character)
        } else if let previous = conversation.lastSpeaker, table.characters[previous].gender == possessive {
            possessors.append(previous)
        } else {
            for p in stride(from: ref.passage - 1, through: max(sceneRange(of: ref.passage).lowerBound, ref.passage - 3), by: -1) {
                if let found = mentions[p].last(where: { table.characters[$0.character].gender == possessive }) { possessors.append(found.character); break }
            }
        }
        for possessor in possessors {
            if let surname = surname(of: possessor), let id = table.resolve("\(honorific) \(surname)"), id != possessor { return id }
        }
        return nil
    }

    /// Relational nouns and the honorific of the person they name.
    static let relatives: [String: String] = ["wife": "Mrs.", "lady": "Mrs.", "mother": "Mrs.", "husband": "Mr.", "father": "Mr."]

    /// A character's surname, from a name of theirs with two words or more ("Mr. Bennet", "Elizabeth Bennet").
    func surname(of id: Int) -> String? {
        let character = table.characters[id]
        let forms = [character.name] + character.forms.keys.sorted()
        // A last word that is a known given name ("Miss Eliza") is not a surname.
        for form in forms {
            let words = form.split(separator: " ")
            if words.count >= 2, let last = words.last, last.first?.isUppercase == true, String(last) != character.name,
               NameLexicon.firstNameGender[last.lowercased()] == nil, NameLexicon.nicknames[last.lowercased()] == nil {
                return String(last)
            }
        }
        return familyNames[id]
    }

    /// A name several characters share ("Bennet"): the one most recently mentioned.
    func disambiguate(_ form: String, at ref: QuoteRef) -> Int? {
        let candidates = table.candidates(form)
        guard candidates.count > 1 else { return nil }
        for p in stride(from: ref.passage, through: max(0, ref.passage - 20), by: -1) {
            if let found = mentions[p].last(where: { candidates.contains($0.character) }) { return found.character }
        }
        return nil
    }

    /// A speaker candidate: found with speech evidence, or with a known gender, or listed in a cast;
    /// a capitalised word with none of these may well be a place.
    func isLikelyPerson(_ id: Int) -> Bool {
        let character = table.characters[id]
        return character.hasSpeechEvidence || character.gender != .unknown || character.isNarrator || table.isFromCast
    }

    func fits(_ id: Int, _ gender: Gender) -> Bool {
        gender == .unknown || table.characters[id].gender == gender
    }

    /// `he` / `she` / `his wife`: prefer someone the paragraph names as acting, then
    /// the other person in the exchange, then whoever was mentioned last.
    /// The character a pronoun means and how sure that is: the paths below are right less and less often.
    func resolvePronoun(_ gender: Gender, at ref: QuoteRef, conversation: Conversation, continues: Bool) -> (id: Int, confidence: Double)? {
        // Characters whose gender is known and fits first; then those whose gender is unknown.
        if let found = resolvePronoun(gender, at: ref, conversation: conversation, continues: continues, strict: true) { return found }
        guard gender != .unknown, let found = resolvePronoun(gender, at: ref, conversation: conversation, continues: continues, strict: false) else { return nil }
        return (found.id, found.confidence - 0.1)
    }

    func resolvePronoun(_ gender: Gender, at ref: QuoteRef, conversation: Conversation, continues: Bool, strict: Bool) -> (id: Int, confidence: Double)? {
        let addressed = Set(vocatives[ref] ?? []).union(namedInQuote[ref] ?? [])
        func allowed(_ id: Int) -> Bool {
            let known = table.characters[id].gender
            let genderFits = strict ? fits(id, gender) : (known == .unknown || known == gender)
            return genderFits && !addressed.contains(id) && !table.characters[id].isNarrator
        }
        // Named in this paragraph before the quotation, acting rather than acted upon.
        let here = mentions[ref.passage].filter { $0.segment < ref.segment && !$0.isObject && allowed($0.character) }
        if let subject = here.last(where: \.isSubject) ?? here.last { return (subject.character, 0.85) }
        let previous = conversation.lastSpeaker
        // The one a short narration paragraph since the last quotation is about ("Mrs. Bennet was profuse in her acknowledgments.").
        if let acting = conversation.narrationSubjects.last(where: allowed) { return (acting, 0.85) }
        // The one the previous speaker addressed by name answers.
        if let lastQuote = lastQuote(before: ref.passage), lastQuote.passage == conversation.paragraphs.last,
           let addressed = vocatives[lastQuote]?.last(where: { $0 != previous && allowed($0) }) {
            return (addressed, 0.85)
        }
        if continues, let previous, allowed(previous) { return (previous, 0.85) }
        // The other participant of the exchange.
        if let other = conversation.recentSpeakers.reversed().first(where: { $0 != previous && allowed($0) }), conversation.narrationSinceLastQuote < 40 {
            if gender != .unknown || conversation.recentSpeakers.count >= 2 { return (other, 0.75) }
        }
        // The nearest earlier mention.
        let start = sceneRange(of: ref.passage).lowerBound
        for p in stride(from: ref.passage - 1, through: max(start, ref.passage - 8), by: -1) {
            let candidates = mentions[p].filter { allowed($0.character) && $0.character != previous }
            if let subject = candidates.last(where: \.isSubject) ?? candidates.last { return (subject.character, 0.6) }
        }
        if let previous, allowed(previous), gender != .unknown { return (previous, 0.6) }
        return nil
    }

    /// The characters named as subjects in the last sentence of a narration paragraph.
    func lastSentenceSubjects(_ p: Int) -> [Int] {
        guard let segment = passages[p].tokens.indices.last else { return [] }
        let tokens = passages[p].tokens[segment]
        var start = tokens.count - 1
        while start > 0, tokens[start - 1].kind != .stop { start -= 1 }
        return mentions[p].filter { $0.segment == segment && $0.token >= start && $0.isSubject && !$0.isObject && isLikelyPerson($0.character) }.map(\.character)
    }

    func sceneRange(of passage: Int) -> Range<Int> {
        sceneRanges[sceneOfPassage[passage]]
    }

    func lastQuote(before p: Int) -> QuoteRef? {
        guard p > 0, let s = passages[p - 1].quoteIndices.last else { return nil }
        return QuoteRef(passage: p - 1, segment: s)
    }

    /// The speaker of a quotation paragraph: the one its last attributed quotation has.
    func speaker(of p: Int) -> Int? {
        passages[p].quoteIndices.compactMap { attributions[QuoteRef(passage: p, segment: $0)]?.speaker }.last
    }

    func firstSpeaker(of p: Int) -> Int? {
        passages[p].quoteIndices.compactMap { attributions[QuoteRef(passage: p, segment: $0)]?.speaker }.first
    }

    /// Gives a paragraph's undecided quotations a speaker; refused (false) when a tag of the
    /// paragraph that could not be resolved ("returned she", "cried his wife") says another gender.
    @discardableResult
    mutating func assign(_ p: Int, _ speaker: Int, _ rule: AttributionRule, confidence: Double? = nil) -> Bool {
        guard fitsTags(speaker, in: p) else { return false }
        for s in passages[p].quoteIndices where attributions[QuoteRef(passage: p, segment: s)] == nil {
            attributions[QuoteRef(passage: p, segment: s)] = Attribution(speaker: speaker, rule: rule, confidence: confidence ?? rule.confidence)
        }
        return true
    }

    /// Whether a character fits the gender of the pronoun or description tags of a paragraph's undecided quotations
    /// (or of all of them).
    func fitsTags(_ id: Int, in p: Int, all: Bool = false) -> Bool {
        let known = table.characters[id].gender
        guard known != .unknown else { return true }
        for s in passages[p].quoteIndices where all || attributions[QuoteRef(passage: p, segment: s)] == nil {
            if let gender = tags[QuoteRef(passage: p, segment: s)]?.gender, gender != known { return false }
        }
        return true
    }

    // MARK: Conversation

    /// Unmarked turns. A narration paragraph about one person hands them the turn; the person
    /// the previous speaker named answers; in a block of adjacent dialogue paragraphs turns
    /// alternate, and a turn next to a decided one goes to the other person of the exchange;
    /// what is left alternates across the narration, with less confidence.
    mutating func fillConversation(_ run: [Int]) {
        for (i, p) in run.enumerated() where speaker(of: p) == nil {
            // A narration paragraph about one person ("Poirot shook his head.") hands them the turn.
            let acting = Set(precedingSubjects[p] ?? [])
            if acting.count == 1, let only = acting.first, !isAddressed(only, in: p), i == 0 || only != speaker(of: run[i - 1]),
               assign(p, only, .actionBeat, confidence: 0.8) {
                continue
            }
            // The one the previous speaker addressed by name.
            if i >= 1, run[i - 1] == p - 1 {
                let previousSpeaker = speaker(of: run[i - 1])
                let addressed = passages[run[i - 1]].quoteIndices.flatMap { vocatives[QuoteRef(passage: run[i - 1], segment: $0)] ?? [] }
                if let named = addressed.first(where: { $0 != previousSpeaker }), !isAddressed(named, in: p) {
                    assign(p, named, .vocative)
                }
            }
        }
        // Blocks of adjacent paragraphs: narration between two quotations breaks the alternation.
        var blocks: [[Int]] = []
        for p in run {
            if let last = blocks.last?.last, last == p - 1 { blocks[blocks.count - 1].append(p) } else { blocks.append([p]) }
        }
        for block in blocks {
            alternate(block)
            // Still undecided next to a decided paragraph: the other person of the exchange, then alternate again.
            var partnered = false
            for i in block.indices where speaker(of: block[i]) == nil {
                let neighbour = i >= 1 ? speaker(of: block[i - 1]) : nil
                guard let neighbour, let other = lastSpeaker(in: run, before: block[i - 1], other: neighbour), !isAddressed(other, in: block[i]) else { continue }
                if assign(block[i], other, .turnTaking, confidence: 0.6) { partnered = true }
            }
            if partnered { alternate(block) }
        }
        // What is left alternates across the narration too, a weaker sign but better than none.
        alternate(run, confidence: 0.5)
    }

    /// The speaker of the last quotation paragraph of `run` before `p` who is not `other`.
    func lastSpeaker(in run: [Int], before p: Int, other: Int) -> Int? {
        guard let end = run.firstIndex(of: p) else { return nil }
        for q in run[..<end].reversed() {
            if let found = speaker(of: q), found != other { return found }
        }
        return nil
    }

    /// Turns alternate in a block of adjacent dialogue paragraphs: two back speaks again.
    mutating func alternate(_ block: [Int], confidence: Double = AttributionRule.turnTaking.confidence) {
        var changed = true
        while changed {
            changed = false
            for i in block.indices where speaker(of: block[i]) == nil {
                let p = block[i]
                if i >= 2, let previousSpeaker = speaker(of: block[i - 1]),
                   let before = firstSpeaker(of: block[i - 2]) ?? speaker(of: block[i - 2]), before != previousSpeaker, !isAddressed(before, in: p) {
                    if assign(p, before, .turnTaking, confidence: confidence) { changed = true; continue }
                }
                if i + 2 < block.count, let next = firstSpeaker(of: block[i + 1]), let after = speaker(of: block[i + 2]), after != next,
                   !isAddressed(after, in: p) {
                    if assign(p, after, .turnTaking, confidence: confidence - 0.05) { changed = true }
                }
            }
        }
    }

    func isAddressed(_ id: Int, in p: Int) -> Bool {
        passages[p].quoteIndices.contains {
            (vocatives[QuoteRef(passage: p, segment: $0)] ?? []).contains(id) || (namedInQuote[QuoteRef(passage: p, segment: $0)] ?? []).contains(id)
        }
    }

    /// What is left: the most prominent fitting character nearby, else the narrator, else unknown.
    mutating func fallBack(_ run: [Int], scene: Int) {
        for (i, p) in run.enumerated() where speaker(of: p) == nil {
            let previous = i >= 1 ? speaker(of: run[i - 1]) : nil
            var scores: [Int: Double] = [:]
            let range = sceneRanges[scene]
            // Earlier scenes count too, at half weight: people often carry over a scene break.
            for q in stride(from: p, through: max(0, p - 12), by: -1) {
                let weight = (q < range.lowerBound ? 0.5 : 1) / Double(p - q + 1)
                for mention in mentions[q] { scores[mention.character, default: 0] += weight * (mention.isSubject ? 1.5 : 1) }
                if q != p, let speaker = speaker(of: q) { scores[speaker, default: 0] += weight }
            }
            for q in (p + 1)..<min(range.upperBound, p + 3) {
                for mention in mentions[q] { scores[mention.character, default: 0] += 0.3 / Double(q - p) }
            }
            for s in passages[p].quoteIndices {
                for id in vocatives[QuoteRef(passage: p, segment: s)] ?? [] { scores[id] = nil }
                for id in namedInQuote[QuoteRef(passage: p, segment: s)] ?? [] { scores[id] = nil }
            }
            if let previous { scores[previous] = nil }
            let eligible = scores.filter { isLikelyPerson($0.key) && fitsTags($0.key, in: p) }
            if let best = eligible.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) {
                assign(p, best.key, .salience)
            } else if let narrator = table.narratorID, narrator != previous {
                assign(p, narrator, .salience, confidence: 0.2)
            } else if let previous, !isAddressed(previous, in: p) {
                // No one else is about: the same person goes on.
                assign(p, previous, .salience, confidence: 0.2)
            }
        }
    }

    // MARK: First-person narrator's name

    /// In a first-person scene, a name that others address to the narrator and
    /// that the narration never uses for someone else is the narrator's name there.
    mutating func nameSceneNarrators() {
        guard let narrator = table.narratorID, !table.isFromCast || table.characters[narrator].name == "narrator" else { return }
        for (scene, range) in sceneRanges.enumerated() {
            var counts: [Int: Int] = [:]
            var inNarration: Set<Int> = []
            for p in range {
                for mention in mentions[p] where mention.character != narrator { inNarration.insert(mention.character) }
            }
            var narratorSpeaks = false
            // Quotation paragraphs of the scene, so that a name counts only when the narrator answers it.
            let spoken = range.filter { !passages[$0].quoteIndices.isEmpty }
            for (k, p) in spoken.enumerated() {
                let besideNarrator = k + 1 < spoken.count
                    && passages[spoken[k + 1]].quoteIndices.contains { attributions[QuoteRef(passage: spoken[k + 1], segment: $0)]?.speaker == narrator }
                for s in passages[p].quoteIndices {
                    let ref = QuoteRef(passage: p, segment: s)
                    guard let speaker = attributions[ref]?.speaker else { continue }
                    if speaker == narrator { narratorSpeaks = true; continue }
                    guard besideNarrator else { continue }
                    for id in vocatives[ref] ?? [] where id != speaker && id != narrator && !inNarration.contains(id) {
                        counts[id, default: 0] += 1
                    }
                }
            }
            guard narratorSpeaks, let best = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else { continue }
            let speaksInScene = range.contains { p in passages[p].quoteIndices.contains { attributions[QuoteRef(passage: p, segment: $0)]?.speaker == best.key } }
            if !speaksInScene { sceneNarrators[scene] = best.key }
        }
    }

    func result() -> SpeakerAttributor.Result {
        var nested: [[[Attribution?]]] = []
        for (scene, range) in sceneRanges.enumerated() {
            nested.append(range.map { p in
                passages[p].segments.indices.map { s in
                    guard passages[p].segments[s].isQuote else { return nil }
                    var attribution = attributions[QuoteRef(passage: p, segment: s)] ?? .unknown
                    if let narrator = table.narratorID, attribution.speaker == narrator, let named = sceneNarrators[scene] {
                        attribution.speaker = named
                    }
                    return attribution
                }
            })
        }
        return SpeakerAttributor.Result(table: table, attributions: nested, sceneNarrators: sceneNarrators)
    }
}

/// Who has been talking in the current exchange.
struct Conversation {
    var paragraphs: [Int] = []
    var recentSpeakers: [Int] = []
    var lastSpeaker: Int?
    var narrationSinceLastQuote = 0
    /// Characters named as subjects in the narration paragraphs since the last quotation.
    var narrationSubjects: [Int] = []

    mutating func record(_ speaker: Int?) {
        lastSpeaker = speaker
        narrationSinceLastQuote = 0
        narrationSubjects = []
        guard let speaker else { return }
        recentSpeakers.removeAll { $0 == speaker }
        recentSpeakers.append(speaker)
        if recentSpeakers.count > 4 { recentSpeakers.removeFirst() }
    }
}

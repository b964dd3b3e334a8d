/// Who has been talking in the current exchange of a scene, read in order.
struct Conversation: Sendable {
    /// The exchange's quotation paragraphs so far.
    var paragraphs: [Int] = []
    /// The last few speakers, oldest first, each once.
    var recentSpeakers: [CharacterID] = []
    var lastSpeaker: CharacterID?
    /// Words of narration since the last quotation paragraph.
    var narrationSinceLastQuote = 0
    /// Characters named as subjects in the narration paragraphs since the last quotation.
    var narrationSubjects: [CharacterID] = []
    /// How many recent speakers are remembered.
    let memory: Int

    init(memory: Int) { self.memory = memory }

    mutating func record(_ speaker: CharacterID?) {
        lastSpeaker = speaker
        narrationSinceLastQuote = 0
        narrationSubjects = []
        guard let speaker else { return }
        recentSpeakers.removeAll { $0 == speaker }
        recentSpeakers.append(speaker)
        if recentSpeakers.count > memory { recentSpeakers.removeFirst() }
    }
}

/// One exchange: the quotation paragraphs of a scene between long stretches of narration, and who
/// the short narration just before each was about.
struct Exchange: Sendable {
    /// The scene it is in.
    var scene: Int
    /// Its quotation paragraphs, in order.
    var paragraphs: [Int]
    /// Per paragraph: the subjects of the short narration paragraphs just before it.
    var precedingSubjects: [Int: [CharacterID]]
}

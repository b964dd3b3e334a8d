/// A speaker who gives their own name (`"My name is Oliver."`, `"Call me Anne."`): the paragraph is
/// theirs, whatever a pronoun or description tag guessed, unless a named or first-person tag says otherwise.
struct SelfNamedStage: ParagraphStage {
    func decide(_ p: Int, evidence: AttributionEvidence, conversation: Conversation, ledger: inout AttributionLedger) {
        let quotes = evidence.book.quotes(of: p)
        guard let own = quotes.compactMap({ evidence.ownNames[$0] }).first,
            !quotes.contains(where: { [.speechVerb, .firstPerson].contains(ledger[$0]?.rule) }),
            evidence.fitsTags(own, in: p)
        else { return }
        for ref in quotes {
            ledger[ref] = Attribution(
                speaker: own, rule: .selfNamed, confidence: evidence.weights.confidences.selfNamed)
        }
    }
}

/// A stage that decides a paragraph's quotations from what the paragraph says about itself, as the
/// scene is read in order (with the conversation so far: who spoke last, who is being talked about).
protocol ParagraphStage: Sendable {
    /// Decides what it can of paragraph `p`'s quotations; leaves decided ones alone unless it says otherwise.
    func decide(_ p: Int, evidence: AttributionEvidence, conversation: Conversation, ledger: inout AttributionLedger)
}

/// A stage that decides the unmarked turns of an exchange, once the scene has been read.
protocol ExchangeStage: Sendable {
    func decide(_ exchange: Exchange, evidence: AttributionEvidence, ledger: inout AttributionLedger)
}

/// A stage that works on the whole book once every scene has been read and its exchanges decided.
protocol BookStage: Sendable {
    func decide(_ exchanges: [Exchange], evidence: AttributionEvidence, ledger: inout AttributionLedger)
}

/// The exchange decoder (`ExchangeDecoder`), once every scene's tags are known: it learns how each
/// character talks from the quotations a named tag gives them, then decodes every exchange.
struct ExchangeDecoderStage: BookStage {
    func decide(_ exchanges: [Exchange], evidence: AttributionEvidence, ledger: inout AttributionLedger) {
        let decoder = ExchangeDecoder(
            evidence: evidence, styles: SpeakingStyles(evidence: evidence, ledger: ledger), ledger: ledger)
        for exchange in exchanges { decoder.decode(exchange, ledger: &ledger) }
    }
}

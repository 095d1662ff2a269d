extension Invoice {
    /// The invoices by number; of a number listed twice, the first (as the ledger parser keeps it).
    public static func byNumber(_ invoices: [Invoice]) -> [String: Invoice] {
        Dictionary(invoices.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

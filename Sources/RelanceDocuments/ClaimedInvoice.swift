import RelanceCore

/// One unpaid invoice as a document shows it: the ledger's figures and what is claimable for it.
public struct ClaimedInvoice: Sendable, Hashable {
    /// The invoice (number, issue date, due date, amount, paid).
    public var invoice: Invoice
    /// What is claimable for it at the document's date (principal, rates, interest, indemnity, total).
    public var claim: ClaimLine

    /// Pairs an invoice with its claim, computed by `LateInterestCalculator` for the document's date.
    public init(invoice: Invoice, claim: ClaimLine) {
        self.invoice = invoice
        self.claim = claim
    }
}

extension Array where Element == ClaimedInvoice {
    /// The total claimed, one amount per currency in order of first appearance (unknown interest left out).
    var totals: [Money] { map(\.claim).totals }

    var hasUnknownInterest: Bool { map(\.claim).hasUnknownInterest }
}

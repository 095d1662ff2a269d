import Foundation
import RelanceCore
import RelanceDaemon
import RelanceStore

/// The store's invoices with what is paid on each as the cycle counts it (the ledger, `relance pay`, the
/// payments file up to today): read once, for the operator commands that judge tasks and approvals.
struct InvoiceBalances {
    let invoices: [String: StoredInvoice]
    private let told: [String: Money]
    private let filePaid: [String: Money]

    /// Every stored invoice, or only `stored` when the caller has read them already (or needs one).
    init(_ store: SQLiteStore, _ configuration: RelanceConfiguration, invoices given: [StoredInvoice]? = nil) throws {
        let stored = try given ?? store.invoices()
        invoices = Dictionary(stored.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        told = try store.manuallyPaid()
        filePaid = PaymentsFile.paidToday(configuration, stored: stored.map { ($0.number, $0.paid) })
    }

    /// What is paid on `invoice` as the cycle counts it.
    func paid(_ invoice: StoredInvoice) -> Money {
        SQLiteStore.seenPaid(ledger: invoice.paid, also: [told[invoice.number], filePaid[invoice.number]])
    }

    /// What is still due on the invoice numbered `number`; nil for an invoice the store does not know.
    func stillDue(_ number: String) -> Money? {
        guard let invoice = invoices[number] else { return nil }
        let paid = paid(invoice)
        return paid >= invoice.amount ? .zero(invoice.amount.currency) : invoice.amount - paid
    }
}

import Foundation
import RelanceConfig
import RelanceCore
import RelanceDocuments

/// The claim figures of invoices at a date (rates from the built-in tables and `rates:`, payments from
/// `ledger.payments` or the ledger's `paid`, and those told with `relance pay` on their days), for
/// `relance claim`, `relance claim-file` and the formal notice.
public struct ClaimBuilder: Sendable {
    public let configuration: RelanceConfiguration
    public let calculator: LateInterestCalculator
    /// The payments told with `relance pay`, by invoice (`ReminderStore.toldPayments()`).
    public let told: [String: ToldPayments]
    /// Problems met on the way (bad payment rows, ledger/payments mismatches), for the operator.
    public internal(set) var warnings: [String] = []

    /// Loads the rate tables; a bad rates file is an error with its location. `told`: the store's
    /// `toldPayments()`, empty before the first cycle.
    public init(configuration: RelanceConfiguration, told: [String: ToldPayments]) throws(ConfigurationError) {
        self.configuration = configuration
        self.told = told
        calculator = LateInterestCalculator(rates: try RateTableLoader().load(folder: configuration.ratesPath))
    }

    /// The dated payments of `selected` (as the planning view shows them: `paid` counts the payments told
    /// by hand). Without `ledger.payments`: the payments told on their days, the rest of `paid` on the due
    /// date, so no interest is claimed on money not shown to be late. With it: the file's payments, plus
    /// the told ones it does not show yet, on their days (said in a warning); when `paid` is more than
    /// the file shows, the difference on the due date, as without the file (reminders count the larger of
    /// the two, and a notice or claim never asks for money the ledger shows paid); when it is less, the
    /// file is used. Both mismatches are warned about.
    public mutating func payments(ledger: [Invoice], selected: [Invoice]) throws -> [String: [Payment]] {
        var result: [String: [Payment]] = [:]
        guard let path = configuration.ledger.paymentsPath else {
            for invoice in selected {
                // Nothing told: the whole of `paid` on the due date.
                let told = told[invoice.number] ?? ToldPayments(baseline: .zero(invoice.paid.currency), payments: [])
                let dated = told.datedPayments(invoice: invoice.number, paid: invoice.paid, due: invoice.due)
                if !dated.isEmpty { result[invoice.number] = dated }
            }
            return result
        }
        let parsed = try PaymentsLoader.read(path: path, invoices: ledger)
        for row in parsed.rejected {
            warnings.append("\(path):\(row.line): \(row.field.map { "field \($0): " } ?? "")\(row.reason)")
        }
        for invoice in selected {
            var payments = parsed.payments(for: invoice.number)
            if let told = told[invoice.number] {
                let completed = told.completing(payments, invoice: invoice.number, paid: invoice.paid)
                payments = completed.payments
                if completed.added.isPositive {
                    warnings.append(
                        "invoice \(invoice.number): \(completed.added.plainText) told with relance pay is not in the "
                            + "payments file yet; counted on the days told")
                }
            }
            let sum = payments.reduce(Money.zero(invoice.paid.currency)) { $0 + $1.amount }
            let says = told[invoice.number] == nil ? "the ledger says" : "the ledger and relance pay say"
            if sum < invoice.paid {
                // Reminders count the larger of the two: a claim never asks for what the ledger shows paid.
                // The payment's day is not known: on the due date, as without the file (no interest on it).
                let missing = invoice.paid - sum
                payments.append(Payment(invoice: invoice.number, date: invoice.due, amount: missing))
                warnings.append(
                    "invoice \(invoice.number): \(says) \(invoice.paid.plainText) paid, the payments file "
                        + "\(sum.plainText); the \(missing.plainText) it does not show is counted as paid on the "
                        + "due date, as reminders count it")
            } else if sum != invoice.paid {
                warnings.append(
                    "invoice \(invoice.number): \(says) \(invoice.paid.plainText) paid, the payments file "
                        + "\(sum.plainText); the payments file is used")
            }
            result[invoice.number] = payments
        }
        return result
    }

    /// `options` completed from the config: `creditor.payment_imputation` unless the options chose one.
    public func options(_ options: LateInterestOptions = LateInterestOptions()) -> LateInterestOptions {
        var result = options
        result.paymentImputation = options.paymentImputation ?? configuration.creditor.paymentImputation
        return result
    }

    /// Each selected invoice with its claim at `asOf` (payments imputed as `options(_:)` says).
    ///
    /// `receipts`: for a claim (not for the notice itself), the formal notices known to have reached the
    /// debtors. A French consumer's legal interest then runs from its invoice's receipt on or before `asOf`
    /// unless `options.formalNoticeDate` (`--notice-date`) is given, and the claim line says where that day
    /// comes from, or that no notice is known and so no legal interest runs.
    public mutating func claims(
        ledger: [Invoice], selected: [Invoice], asOf: LocalDate, options: LateInterestOptions = LateInterestOptions(),
        receipts: NoticeReceipts? = nil
    ) throws -> [ClaimedInvoice] {
        let options = self.options(options)
        let payments = try payments(ledger: ledger, selected: selected)
        let jurisdiction = configuration.creditor.jurisdiction
        return selected.map { invoice in
            let kind = configuration.client(invoice.clientID)?.kind ?? .business
            var invoiceOptions = options
            var note: String?
            if let receipts, jurisdiction == .fr, kind == .consumer, options.formalNoticeDate == nil {
                if let receipt = receipts.receipt(for: invoice.number, onOrBefore: asOf) {
                    invoiceOptions.formalNoticeDate = receipt.date
                    note = "legal interest (C. civ. 1344-1) from the formal notice: \(receipt.source)"
                        + (receipt.isRegisteredLetter ? "" : "; the registered letter's receipt is not recorded "
                            + "(relance task done ID --received YYYY-MM-DD)")
                } else {
                    note = "no formal notice known to have reached the debtor by \(asOf): no legal interest "
                        + "(C. civ. 1344-1); record the registered letter's receipt (relance task done ID --received "
                        + "YYYY-MM-DD) or give --notice-date"
                }
            }
            var claim = calculator.claim(
                invoice: invoice, payments: payments[invoice.number] ?? [], clientKind: kind,
                jurisdiction: jurisdiction, asOf: asOf, options: invoiceOptions)
            if let note { claim.warnings.append(note) }
            return ClaimedInvoice(invoice: invoice, claim: claim)
        }
    }
}

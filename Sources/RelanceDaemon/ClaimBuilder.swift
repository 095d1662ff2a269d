import Foundation
import RelanceConfig
import RelanceCore
import RelanceDocuments

/// The claim figures of invoices at a date (rates from the built-in tables and `rates:`, payments from
/// `ledger.payments` or the ledger's `paid`), for `relance claim`, `relance claim-file` and the formal notice.
public struct ClaimBuilder: Sendable {
    public let configuration: RelanceConfiguration
    public let calculator: LateInterestCalculator
    /// Problems met on the way (bad payment rows, ledger/payments mismatches), for the operator.
    public private(set) var warnings: [String] = []

    /// Loads the rate tables; a bad rates file is an error with its location.
    public init(configuration: RelanceConfiguration) throws(ConfigurationError) {
        self.configuration = configuration
        calculator = LateInterestCalculator(rates: try RateTableLoader().load(folder: configuration.ratesPath))
    }

    /// The dated payments of `selected`: the payments file's when configured (a mismatch with the
    /// ledger's `paid` is warned about), else the ledger's `paid` dated on the due date, so no interest is
    /// claimed on money not shown to be late.
    public mutating func payments(ledger: [Invoice], selected: [Invoice]) throws -> [String: [Payment]] {
        var result: [String: [Payment]] = [:]
        guard let path = configuration.ledger.paymentsPath else {
            for invoice in selected where invoice.paid.isPositive {
                result[invoice.number] = [Payment(invoice: invoice.number, date: invoice.due, amount: invoice.paid)]
            }
            return result
        }
        let parsed = try PaymentsLoader.read(path: path, invoices: ledger)
        for row in parsed.rejected {
            warnings.append("\(path):\(row.line): \(row.field.map { "field \($0): " } ?? "")\(row.reason)")
        }
        for invoice in selected {
            let payments = parsed.payments(for: invoice.number)
            result[invoice.number] = payments
            let sum = payments.reduce(Money.zero(invoice.paid.currency)) { $0 + $1.amount }
            if sum != invoice.paid {
                warnings.append(
                    "invoice \(invoice.number): the ledger says \(invoice.paid.plainText) paid, the payments file "
                        + "\(sum.plainText); the payments file is used")
            }
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
    public mutating func claims(
        ledger: [Invoice], selected: [Invoice], asOf: LocalDate, options: LateInterestOptions = LateInterestOptions()
    ) throws -> [ClaimedInvoice] {
        let options = self.options(options)
        let payments = try payments(ledger: ledger, selected: selected)
        return selected.map { invoice in
            let kind = configuration.client(invoice.clientID)?.kind ?? .business
            return ClaimedInvoice(
                invoice: invoice,
                claim: calculator.claim(
                    invoice: invoice, payments: payments[invoice.number] ?? [], clientKind: kind,
                    jurisdiction: configuration.creditor.jurisdiction, asOf: asOf, options: options))
        }
    }
}

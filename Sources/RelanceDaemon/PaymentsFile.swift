import Foundation
import RelanceConfig
import RelanceCore

/// The payments file (`ledger.payments`) as the cycle, `relance preview` and `relance status` count it:
/// an invoice is as paid as the larger of what the ledger's `paid` column and the file's payments up to
/// today say, so a payment in either stops its reminders (the claims date each payment, `ClaimBuilder`).
public struct PaymentsFile: Sendable {
    /// The file's payments up to the day, by invoice.
    public var paid: [String: Money]
    /// Rows that were not accepted (bad date or amount, an invoice not in the ledger).
    public var rejected: [LedgerRowError]
    /// Invoices whose ledger `paid` differs from the file's sum, in ledger order.
    public var mismatches: [(invoice: String, ledger: Money, file: Money)]
    /// The file.
    public var path: String

    /// Reads the configured payments file for `invoices` (the ledger as read) on `day`; nil when the
    /// config has none. A file that cannot be used at all throws, with its path.
    public static func read(
        _ configuration: RelanceConfiguration, invoices: [Invoice], on day: LocalDate
    ) throws(PaymentsLoader.ReadError) -> PaymentsFile? {
        try read(configuration, ledgerPaid: invoices.map { ($0.number, $0.paid) }, on: day)
    }

    /// `read(_:invoices:on:)` for invoices given by number with their ledger `paid` (the store's copy).
    public static func read(
        _ configuration: RelanceConfiguration, ledgerPaid: [(number: String, paid: Money)], on day: LocalDate
    ) throws(PaymentsLoader.ReadError) -> PaymentsFile? {
        guard let path = configuration.ledger.paymentsPath else { return nil }
        var currencies: [String: Currency] = [:]
        for invoice in ledgerPaid { currencies[invoice.number] = invoice.paid.currency }
        let parsed = try PaymentsLoader.read(path: path, invoiceCurrencies: currencies)
        let paid = parsed.paidByInvoice(upTo: day)
        var mismatches: [(invoice: String, ledger: Money, file: Money)] = []
        for invoice in ledgerPaid {
            let file = paid[invoice.number] ?? .zero(invoice.paid.currency)
            if file != invoice.paid { mismatches.append((invoice.number, invoice.paid, file)) }
        }
        return PaymentsFile(paid: paid, rejected: parsed.rejected, mismatches: mismatches, path: path)
    }

    /// The file's payments up to today (`now` in the sending time zone) for the store's copy of the ledger,
    /// as `relance status` and `relance tasks` count them; empty without the file or when it cannot be
    /// read (the cycle then holds every send, and says so).
    public static func paidToday(
        _ configuration: RelanceConfiguration, stored: [(number: String, paid: Money)], now: Date = Date()
    ) -> [String: Money] {
        let zone = TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? .current
        return (try? read(configuration, ledgerPaid: stored, on: LocalDateTime(now, in: zone).date))?.paid ?? [:]
    }

    /// `ledger 0.00, file 500.00` for the first few mismatches, for a log line.
    public func mismatchExamples(limit: Int = 3) -> String {
        mismatches.prefix(limit).map { "\($0.invoice) (ledger \($0.ledger.plainText), file \($0.file.plainText))" }
            .joined(separator: ", ") + (mismatches.count > limit ? ", …" : "")
    }
}

import Foundation
import RelanceCore

/// The rate tables of legal-rules.md §0, typed in again from the note (not taken from
/// `BuiltInRates`, which a test compares with them), and helpers for the late-interest tests.
enum LegalRulesRates {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    static func pct(_ s: String) -> Decimal { Decimal(string: s, locale: nil)! }

    static func table(_ name: String, _ rows: [(String, String, String)]) -> RateTable {
        RateTable(name: name, periods: rows.map { RatePeriod(from: d($0.0), to: d($0.1), rate: pct($0.2)) })
    }

    /// §0.1: ECB MRO on 1 Jan / 1 Jul, with the "in force since" dates of the note.
    static let ecb = table(
        RateTable.ecbMRO,
        [
            ("2023-09-20", "2024-06-11", "4.50"), ("2024-06-12", "2024-07-01", "4.25"),
            ("2024-12-18", "2025-01-01", "3.15"), ("2025-06-11", "2026-02-05", "2.15"),
        ])
    static let legalProfessional = table(
        RateTable.frLegalProfessional,
        [
            ("2024-01-01", "2024-06-30", "5.07"), ("2024-07-01", "2024-12-31", "4.92"),
            ("2025-01-01", "2025-06-30", "3.71"),
            ("2025-07-01", "2025-12-31", "2.76"), ("2026-01-01", "2026-06-30", "2.62"),
        ])
    static let legalIndividual = table(
        RateTable.frLegalIndividual,
        [
            ("2024-01-01", "2024-06-30", "8.01"), ("2024-07-01", "2024-12-31", "8.16"),
            ("2025-01-01", "2025-06-30", "7.21"),
            ("2025-07-01", "2025-12-31", "6.65"), ("2026-01-01", "2026-06-30", "6.67"),
        ])
    /// §0.2 and §10.1: BoE base rate on 31 Dec 2023, 30 Jun 2024, 31 Dec 2024, 30 Jun 2025, 31 Dec 2025.
    static let boe = table(
        RateTable.boeBase,
        [
            ("2023-12-31", "2024-07-31", "5.25"), ("2024-12-31", "2025-02-05", "4.75"),
            ("2025-05-08", "2025-08-06", "4.25"), ("2025-12-18", "2025-12-31", "3.75"),
        ])
    static let basiszins = table(
        RateTable.deBasiszins,
        [
            ("2024-01-01", "2024-06-30", "3.62"), ("2024-07-01", "2024-12-31", "3.37"),
            ("2025-01-01", "2025-06-30", "2.27"),
            ("2025-07-01", "2025-12-31", "1.27"), ("2026-01-01", "2026-06-30", "1.27"),
        ])

    static let all = RateTables([ecb, legalProfessional, legalIndividual, boe, basiszins])
    static let calculator = LateInterestCalculator(rates: all)

    static func invoice(
        _ amount: String, due: String, currency: Currency = .eur, number: String = "F-1",
        client: String = "C1"
    ) -> Invoice {
        Invoice(
            number: number, clientID: client, issued: d(due).adding(days: -30), due: d(due),
            amount: Money(decimal: amount, currency: currency)!, paid: .zero(currency))
    }

    static func payment(_ amount: String, on date: String, currency: Currency = .eur, invoice: String = "F-1")
        -> Payment
    {
        Payment(invoice: invoice, date: d(date), amount: Money(decimal: amount, currency: currency)!)
    }

    /// A claim with the §0 tables.
    static func claim(
        _ invoice: Invoice, payments: [Payment] = [], kind: ClientKind = .business,
        _ jurisdiction: Jurisdiction = .fr,
        asOf: String, options: LateInterestOptions = LateInterestOptions(),
        calculator: LateInterestCalculator = calculator
    ) -> ClaimLine {
        calculator.claim(
            invoice: invoice, payments: payments, clientKind: kind, jurisdiction: jurisdiction, asOf: d(asOf),
            options: options)
    }

    /// `[from…to rate]` of a line, for compact expectations.
    static func segments(_ line: ClaimLine) -> [String] {
        line.rates.map { "\($0.from)…\($0.to) \($0.rateText ?? "?")" }
    }
}

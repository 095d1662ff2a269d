import Foundation
import RelanceCore
import RelanceDaemon

/// The output of `relance claim`: the contract's JSON object, or a table for people.
struct ClaimReport {
    let asOf: LocalDate
    let jurisdiction: Jurisdiction
    let rateMode: LateInterestOptions.RateMode
    /// How partial payments were imputed (the same for every line: it follows the jurisdiction).
    let imputation: LateInterestOptions.PaymentImputation
    let lines: [ClaimLine]
    /// The invoices selected but not claimed, with why (written off, under a hold).
    var leftOut: [ClaimSelection.LeftOut] = []

    /// One total per currency, in currency-code order.
    var totals: [(currency: Currency, total: Money)] {
        lines.totals.map { ($0.currency, $0) }.sorted { $0.currency.code < $1.currency.code }
    }

    /// Lines worth telling the operator on stderr: unknown parts, rule warnings, several currencies.
    var warnings: [String] {
        var result: [String] = []
        for line in lines {
            if let reason = line.interestUnknownReason {
                result.append("invoice \(line.invoice): interest unknown: \(reason)")
            }
            result += line.warnings.map { "invoice \(line.invoice): \($0)" }
        }
        if totals.count > 1 {
            result.append(
                "invoices in several currencies (\(totals.map(\.currency.code).joined(separator: ", "))): "
                    + "no single total, see `totals`")
        }
        return result
    }

    /// The contract's JSON: `as_of`, `currency`, `invoices`, `total`, plus `totals` per currency,
    /// `complete`, `jurisdiction`, `rate_mode`, `payment_imputation` and `left_out`.
    var output: Output {
        let totals = totals
        let single = totals.count <= 1
        let fallback: Currency = jurisdiction == .uk ? .gbp : .eur
        return Output(
            as_of: asOf.description,
            currency: single ? (totals.first?.currency ?? fallback).code : nil,
            invoices: lines.map(Output.Line.init),
            total: single ? (totals.first?.total ?? .zero(fallback)).plainText : nil,
            totals: Dictionary(uniqueKeysWithValues: totals.map { ($0.currency.code, $0.total.plainText) }),
            complete: lines.allSatisfy(\.isComplete), jurisdiction: jurisdiction.rawValue,
            rate_mode: rateMode.effective(for: jurisdiction).rawValue, payment_imputation: imputation.rawValue,
            left_out: leftOut.map { Output.LeftOut(invoice: $0.invoice, client: $0.client, reason: $0.reason) })
    }

    struct Output: Encodable {
        struct Rate: Encodable {
            var from: String
            var to: String
            var rate: String?

            enum CodingKeys: String, CodingKey { case from, to, rate }

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(from, forKey: .from)
                try c.encode(to, forKey: .to)
                try c.encode(rate, forKey: .rate)  // null when unknown
            }
        }

        struct Line: Encodable {
            var invoice, client, due, principal: String
            var days_late: Int
            var rates: [Rate]
            var interest: String?
            var interest_paid: String
            var interest_unknown: String?
            var indemnity: String?
            var total: String
            var warnings: [String]

            enum CodingKeys: String, CodingKey {
                case invoice, client, due, principal, days_late, rates, interest, interest_paid, interest_unknown,
                    indemnity, total, warnings
            }

            init(_ line: ClaimLine) {
                invoice = line.invoice
                client = line.client
                due = line.due.description
                principal = line.principal.plainText
                days_late = line.daysLate
                rates = line.rates.map {
                    Rate(from: $0.from.description, to: $0.to.description, rate: $0.rateText)
                }
                interest = line.interest?.plainText
                interest_paid = line.interestPaid.plainText
                interest_unknown = line.interestUnknownReason
                indemnity = line.indemnity?.plainText
                total = line.total.plainText
                warnings = line.warnings
            }

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(invoice, forKey: .invoice)
                try c.encode(client, forKey: .client)
                try c.encode(due, forKey: .due)
                try c.encode(principal, forKey: .principal)
                try c.encode(days_late, forKey: .days_late)
                try c.encode(rates, forKey: .rates)
                try c.encode(interest, forKey: .interest)  // null when unknown
                try c.encode(interest_paid, forKey: .interest_paid)  // paid off by imputation (interest first)
                try c.encodeIfPresent(interest_unknown, forKey: .interest_unknown)
                try c.encode(indemnity, forKey: .indemnity)  // null when not expressible in the currency
                try c.encode(total, forKey: .total)
                if !warnings.isEmpty { try c.encode(warnings, forKey: .warnings) }
            }
        }

        /// An invoice selected but not claimed, and why.
        struct LeftOut: Encodable { var invoice, client, reason: String }

        var as_of: String
        var currency: String?
        var invoices: [Line]
        var total: String?
        var totals: [String: String]
        var complete: Bool
        var jurisdiction: String
        var rate_mode: String
        var payment_imputation: String
        var left_out: [LeftOut]

        enum CodingKeys: String, CodingKey {
            case as_of, currency, invoices, total, totals, complete, jurisdiction, rate_mode, payment_imputation,
                left_out
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(as_of, forKey: .as_of)
            try c.encode(currency, forKey: .currency)
            try c.encode(invoices, forKey: .invoices)
            try c.encode(total, forKey: .total)
            try c.encode(totals, forKey: .totals)
            try c.encode(complete, forKey: .complete)
            try c.encode(jurisdiction, forKey: .jurisdiction)
            try c.encode(rate_mode, forKey: .rate_mode)
            try c.encode(payment_imputation, forKey: .payment_imputation)
            try c.encode(left_out, forKey: .left_out)
        }
    }

    /// The table for people: one row per invoice, then the rate periods, notes and totals, then the
    /// invoices left out and why.
    func table() -> [String] {
        let mode = jurisdiction == .uk ? "rate fixed for the debt" : "rates \(rateMode.rawValue)"
        var out = ["Claim as of \(asOf) — \(jurisdiction.rawValue) rules, \(mode), \(Self.imputationText(imputation))"]
        guard !lines.isEmpty else { return out + ["Nothing to claim."] + leftOut.map(\.line) }
        let header = [
            "Invoice", "Client", "Due", "Principal", "Days", "Rate %", "Interest", "Indemnity", "Total", "",
        ]
        var rows = [header]
        for line in lines {
            let rates = line.rates.map { $0.rateText ?? "?" }.joined(separator: "/")
            rows.append([
                line.invoice, line.client, line.due.description, line.principal.plainText,
                String(line.daysLate),
                rates.isEmpty ? "-" : rates, line.interest?.plainText ?? "unknown",
                line.indemnity?.plainText ?? "unknown",
                line.total.plainText, line.currency.code,
            ])
        }
        let rightAligned: Set<Int> = [3, 4, 6, 7, 8]
        let widths = (0..<header.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return rightAligned.contains(index) ? pad + cell : cell + pad
            }
            out.append(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        for line in lines {
            if line.rates.count > 1 {
                let periods = line.rates.map {
                    "\($0.from)…\($0.to) \($0.rateText.map { "\($0) %" } ?? "unknown")"
                }
                out.append("  \(line.invoice): \(periods.joined(separator: ", "))")
            }
            if line.interestPaid.isPositive {
                out.append("  \(line.invoice): \(line.interestPaid.plainText) of the payments paid interest off first")
            }
            if let reason = line.interestUnknownReason {
                out.append("  \(line.invoice): interest unknown: \(reason)")
            }
            for warning in line.warnings { out.append("  \(line.invoice): \(warning)") }
        }
        for (currency, total) in totals { out.append("Total: \(total.plainText) \(currency.code)") }
        if !lines.allSatisfy(\.isComplete) { out.append("(unknown amounts are left out of the totals)") }
        return out + leftOut.map(\.line)
    }

    /// The imputation in words, for the table's first line.
    static func imputationText(_ imputation: LateInterestOptions.PaymentImputation) -> String {
        switch imputation {
        case .interestFirst: return "payments to interest first (C. civ. 1343-1)"
        case .principalFirst: return "payments to principal first"
        }
    }
}

import RelanceCore

/// `claim.csv`: one row per invoice, amounts as plain decimals with a dot, as `relance claim --json` gives them
/// (`interest` still due; `interest_paid`, the part of the payments imputed to interest first), in the
/// invoice's currency, named in the last column (a claim may hold euros and pounds).
enum ClaimCSV {
    static let header = [
        "invoice", "client", "due", "principal", "days_late", "rate", "interest", "interest_paid", "indemnity", "total",
        "currency",
    ]

    static func text(_ invoices: [ClaimedInvoice]) -> String {
        var lines = [header.joined(separator: ",")]
        for item in invoices {
            let claim = item.claim
            let rates = claim.rates.map { $0.rateText ?? "unknown" }.joined(separator: ";")
            let fields = [
                inert(claim.invoice), inert(claim.client), claim.due.description, claim.principal.plainText,
                String(claim.daysLate), rates, claim.interest?.plainText ?? "", claim.interestPaid.plainText,
                claim.indemnity?.plainText ?? "",
                claim.total.plainText, claim.currency.code,
            ]
            lines.append(fields.map(quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text from the ledger or the config that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`,
    /// a tab or a carriage return first) gets a leading `'`: the file goes to lawyers and registries who open
    /// it in Excel, where `=cmd|…` would run.
    static func inert(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// RFC 4180 quoting when a field holds a comma, a quote or a line break.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

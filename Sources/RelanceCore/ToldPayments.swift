/// The payments a person told relance about for one invoice (`relance pay`), each with the day the funds
/// arrived, and what the ledger showed as paid when the first was told.
///
/// The cycle counts `baseline + the payments` as paid until the export shows more (the larger of the
/// two, never their sum). A claim needs more than that sum: it needs dates, since interest runs on each
/// amount until the day it was paid. `datedPayments` and `completing` give the claim those dates.
public struct ToldPayments: Sendable, Hashable {
    /// What the ledger showed as paid when the first payment was told: paid, on a day the ledger does
    /// not give.
    public var baseline: Money
    /// The payments told, in the invoice's currency, sorted by date.
    public var payments: [Payment]

    /// Creates the told payments of one invoice; `payments` are sorted by date.
    public init(baseline: Money, payments: [Payment]) {
        self.baseline = baseline
        self.payments = payments.sorted { $0.date < $1.date }
    }

    /// What the cycle counts as paid from these alone: the baseline and every payment told.
    public var total: Money {
        payments.reduce(baseline) { $0 + $1.amount }
    }

    /// Dated payments adding up to `paid`, for a claim without a payments file. `paid`: what the cycle
    /// counts as paid for the invoice (the larger of the ledger's `paid` and `total`).
    ///
    /// Each told payment on its day; the baseline, and whatever the ledger shows beyond `total`, on the
    /// due date `due`, as the ledger's `paid` always is (no interest is claimed on money not shown to be
    /// late). When `paid` is in another currency or says less than `total` (these payments are not what
    /// the cycle counts), `paid` alone, on the due date.
    public func datedPayments(invoice: String, paid: Money, due: LocalDate) -> [Payment] {
        guard paid.currency == baseline.currency, paid >= total else {
            return paid.isPositive ? [Payment(invoice: invoice, date: due, amount: paid)] : []
        }
        var result: [Payment] = []
        let undated = baseline + (paid - total)
        if undated.isPositive { result.append(Payment(invoice: invoice, date: due, amount: undated)) }
        result += payments.map { Payment(invoice: invoice, date: $0.date, amount: $0.amount, line: $0.line) }
        return result
    }

    /// `file` (the invoice's payments from `ledger.payments`) with the told payments it does not show
    /// yet, for a claim with a payments file. The file is exported with the ledger, so what it lacks is
    /// what was told since: the told payments, latest first, each for as much as the file falls short of
    /// what they account for (`total`, or `paid` when that is less). What the file lacks beyond them is
    /// not added: the caller warns about that mismatch as without told payments. `added`: their sum.
    public func completing(_ file: [Payment], invoice: String, paid: Money)
        -> (payments: [Payment], added: Money)
    {
        let inFile = file.reduce(Money.zero(paid.currency)) { $0 + $1.amount }
        guard paid.currency == baseline.currency else { return (file, .zero(paid.currency)) }
        let target = paid < total ? paid : total
        guard target > inFile else { return (file, .zero(paid.currency)) }
        var left = target - inFile
        var added: [Payment] = []
        for told in payments.reversed() where left.isPositive {
            let part = told.amount < left ? told.amount : left
            added.append(Payment(invoice: invoice, date: told.date, amount: part, line: told.line))
            left = left - part
        }
        return (file + added.reversed(), (target - inFile) - left)
    }
}

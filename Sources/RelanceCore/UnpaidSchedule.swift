import Foundation

/// The amount of an invoice still unpaid day by day, from its dated payments.
struct UnpaidSchedule {
    /// A run of days with the same unpaid amount.
    struct Piece {
        /// The unpaid amount (major units), never negative.
        var base: Decimal
        var days: Int
    }

    let amount: Money
    /// Payments sorted by date.
    let payments: [Payment]

    init(amount: Money, payments: [Payment]) {
        self.amount = amount
        self.payments = payments.sorted { $0.date < $1.date }
    }

    /// The day the cumulated payments first reach the amount, if they do.
    var settledOn: LocalDate? {
        var paid: Int64 = 0
        for payment in payments {
            paid += payment.amount.minorUnits
            if paid >= amount.minorUnits { return payment.date }
        }
        return nil
    }

    /// Unpaid once the payments dated `date` or earlier are counted (never negative).
    func unpaid(endOf date: LocalDate) -> Money {
        let paid = payments.filter { $0.date <= date }.reduce(Int64(0)) { $0 + $1.amount.minorUnits }
        return Money(minorUnits: max(0, amount.minorUnits - paid), currency: amount.currency)
    }

    /// Runs of days `first…last` with a constant interest base: day `d` bears interest on what was
    /// unpaid at the end of `d − 1`, so a payment lowers the base from the day after its date.
    func pieces(from first: LocalDate, through last: LocalDate) -> [Piece] {
        var result: [Piece] = []
        var start = first
        while start <= last {
            let base = unpaid(endOf: start.adding(days: -1))
            // The next change: the day after the first payment dated on or after `start`.
            let nextChange = payments.first { $0.date >= start }.map { $0.date.adding(days: 1) }
            let end = nextChange.map { min($0.adding(days: -1), last) } ?? last
            if base.isPositive { result.append(Piece(base: base.decimal, days: start.days(until: end) + 1)) }
            start = end.adding(days: 1)
        }
        return result
    }
}

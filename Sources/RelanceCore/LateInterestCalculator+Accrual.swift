import Foundation

extension LateInterestCalculator {
    /// Interest accrued over runs of late days, kept exact until asked for.
    ///
    /// Each run adds `base × rate% × days` to one of two exact `Decimal` sums (days counted over 365,
    /// and over 366 for the leap-year days of the actual/actual count); `take()` divides once and
    /// starts the sums afresh. Principal first takes once, at the end; interest first also takes at
    /// each payment, to impute it.
    struct Accrual {
        let rule: Rule
        let firstInterestDay: LocalDate
        let options: LateInterestOptions
        /// The runs of days charged, merged while the rate stays the same.
        var segments: [RateSegment] = []
        /// Why some days have no known rate (each reason once).
        var unknown: [String] = []
        var warnings: [String] = []
        /// Whether a day added since the last `take()` has no known rate.
        private(set) var unknownSinceTake = false
        private var over365: Decimal = 0
        private var over366: Decimal = 0

        init(rule: Rule, firstInterestDay: LocalDate, options: LateInterestOptions) {
            self.rule = rule
            self.firstInterestDay = firstInterestDay
            self.options = options
        }

        /// Why the interest is unknown, `nil` when every day had a rate.
        var unknownReason: String? { unknown.isEmpty ? nil : unknown.joined(separator: "; ") }

        /// Adds the days `start…last`, half-year by half-year; `pieces` gives the runs of constant base
        /// inside a half-year's days.
        mutating func add(
            from start: LocalDate, through last: LocalDate,
            pieces: (LocalDate, LocalDate) -> [UnpaidSchedule.Piece]
        ) {
            var start = start
            while start <= last {
                let end = min(start.nextHalfYearStart.adding(days: -1), last)
                let halfYear = rule.rate(forHalfYearOf: start, firstInterestDay: firstInterestDay)
                for warning in halfYear.warnings where !warnings.contains(warning) { warnings.append(warning) }
                if let previous = segments.last, previous.rate == halfYear.rate, previous.to.adding(days: 1) == start {
                    segments[segments.count - 1].to = end
                } else {
                    segments.append(RateSegment(from: start, to: end, rate: halfYear.rate))
                }
                if let rate = halfYear.rate {
                    let leap = options.dayCount == .actualActual && LocalDate.isLeap(start.year)
                    for piece in pieces(start, end) {
                        let amount = piece.base * rate * Decimal(piece.days)
                        if leap { over366 += amount } else { over365 += amount }
                    }
                } else {
                    unknownSinceTake = true
                    if let reason = halfYear.unknownReason, !unknown.contains(reason) { unknown.append(reason) }
                }
                start = end.adding(days: 1)
            }
        }

        /// The exact interest (major units) of the known days added since the last call, then zero.
        mutating func take() -> Decimal {
            let interest =
                over366 == 0 ? over365 / 36_500 : (over365 * 366 + over366 * 365) / (36_500 * 366)
            over365 = 0
            over366 = 0
            unknownSinceTake = false
            return interest
        }
    }
}

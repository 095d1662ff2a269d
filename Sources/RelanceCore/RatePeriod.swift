import Foundation

/// One dated value of a reference rate: `rate` percent applies from `from` to `to`, both included.
///
/// `to` is the last day the rate is *known* to apply. A period without `to` means "until further
/// notice": relance then uses it for every later day, so leave `to` out only when that is meant.
public struct RatePeriod: Sendable, Hashable {
    /// First day the rate applies.
    public var from: LocalDate
    /// Last day the rate is known to apply (inclusive); `nil`: until further notice.
    public var to: LocalDate?
    /// Annual rate in percent (`2.15` is 2.15 %). May be negative (the German base rate was).
    public var rate: Decimal
    /// Where the figure comes from (URL, gazette reference), shown to whoever checks it.
    public var source: String?

    /// Creates a period.
    public init(from: LocalDate, to: LocalDate? = nil, rate: Decimal, source: String? = nil) {
        self.from = from
        self.to = to
        self.rate = rate
        self.source = source
    }

    /// Whether `date` falls inside the period.
    public func contains(_ date: LocalDate) -> Bool {
        date >= from && (to.map { date <= $0 } ?? true)
    }

    /// Whether the two periods share at least one day.
    public func overlaps(_ other: RatePeriod) -> Bool {
        let endsBefore = to.map { $0 < other.from } ?? false
        let startsAfter = other.to.map { from > $0 } ?? false
        return !endsBefore && !startsAfter
    }
}

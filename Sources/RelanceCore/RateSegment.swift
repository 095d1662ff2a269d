import Foundation

/// A run of late days charged at one annual rate, as shown on a claim: `from`…`to`, both included.
public struct RateSegment: Sendable, Hashable {
    /// First day of the run.
    public var from: LocalDate
    /// Last day of the run.
    public var to: LocalDate
    /// Annual rate in percent, or `nil` when no rate is known for these days.
    public var rate: Decimal?

    /// Creates a segment.
    public init(from: LocalDate, to: LocalDate, rate: Decimal?) {
        self.from = from
        self.to = to
        self.rate = rate
    }

    /// Number of days in the run.
    public var days: Int { from.days(until: to) + 1 }

    /// The rate as plain text with at least two decimals (`13.15`, `15.00`), `nil` when unknown.
    public var rateText: String? { rate.map(Self.percentText) }

    /// A percentage as plain text with at least two decimals and a dot, whatever the locale.
    public static func percentText(_ value: Decimal) -> String {
        var text = NSDecimalNumber(decimal: value).description(withLocale: nil)
        if !text.contains(".") { text += "." }
        let decimals = text.count - 1 - text.distance(from: text.startIndex, to: text.firstIndex(of: ".")!)
        if decimals < 2 { text += String(repeating: "0", count: 2 - decimals) }
        return text
    }
}

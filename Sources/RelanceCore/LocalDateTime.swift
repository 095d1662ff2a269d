import Foundation

/// A wall-clock date and time in some time zone, minute precision; the bridge between instants (`Date`)
/// and the calendar rules.
public struct LocalDateTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var date: LocalDate
    /// Minutes since local midnight.
    public var minutes: Int

    public init(date: LocalDate, minutes: Int) {
        self.date = date
        self.minutes = minutes
    }

    /// The wall-clock time of `instant` in `timeZone`.
    public init(_ instant: Date, in timeZone: TimeZone) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: instant)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        date = LocalDate(daysSinceEpoch: days)
        minutes = (seconds - days * 86_400) / 60
    }

    /// The instant at which the wall clock of `timeZone` shows this time. In a DST gap the instant
    /// falls after the gap; in a DST overlap it is the first occurrence.
    public func instant(in timeZone: TimeZone) -> Date {
        let naive = TimeInterval(date.daysSinceEpoch * 86_400 + minutes * 60)
        let first = naive - TimeInterval(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: naive)))
        let second = naive - TimeInterval(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: first)))
        // Prefer the earlier of two valid readings (overlap); fall back to the later one (gap).
        let candidates = [min(first, second), max(first, second)]
        for c in candidates where LocalDateTime(Date(timeIntervalSince1970: c), in: timeZone) == self {
            return Date(timeIntervalSince1970: c)
        }
        return Date(timeIntervalSince1970: max(first, second))
    }

    public var description: String { "\(date) " + LocalDate.padded(minutes / 60, width: 2) + ":" + LocalDate.padded(minutes % 60, width: 2) }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.date, a.minutes) < (b.date, b.minutes)
    }
}

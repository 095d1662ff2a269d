/// A calendar date without a time or a time zone (`2026-11-18`), stored as days since 1970-01-01.
///
/// All date rules of relance (due dates, thresholds, holidays) work on `LocalDate`; an instant is
/// turned into a `LocalDate` only through an explicit time zone.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public let daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// Creates a date, or `nil` when the day does not exist (`2026-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...LocalDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.daysSinceEpoch = LocalDate.days(fromCivil: year, month, day)
    }

    /// Parses `YYYY-MM-DD` strictly (four-digit year, two-digit month and day, a real day).
    public init?(iso text: some StringProtocol) {
        self.init(isoUTF8: Array(text.utf8))
    }

    /// `init(iso:)` on UTF-8 bytes (a ledger field, the date part of an instant), without a `String`.
    public init?<Bytes: RandomAccessCollection>(isoUTF8 u: Bytes) where Bytes.Element == UInt8 {
        guard u.count == 10 else { return nil }
        let start = u.startIndex
        func byte(_ offset: Int) -> UInt8 { u[u.index(start, offsetBy: offset)] }
        guard byte(4) == 0x2D, byte(7) == 0x2D else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                let c = byte(i)
                guard c >= 0x30, c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Year, month and day at once (`year`, `month` and `day` each convert the day count).
    public var components: (year: Int, month: Int, day: Int) { civil }

    public var year: Int { civil.year }
    public var month: Int { civil.month }
    public var day: Int { civil.day }

    /// The ISO 8601 form, `YYYY-MM-DD`.
    public var description: String {
        let c = civil
        return Self.padded(c.year, width: 4) + "-" + Self.padded(c.month, width: 2) + "-" + Self.padded(c.day, width: 2)
    }

    /// `value` in decimal with leading zeros up to `width` digits, as `%0*d` writes it (`-005` for -5).
    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value.magnitude)
        let zeros = String(repeating: "0", count: max(0, width - (value < 0 ? 1 : 0) - digits.utf8.count))
        return (value < 0 ? "-" : "") + zeros + digits
    }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO 4).
        let iso = ((daysSinceEpoch + 3) % 7 + 7) % 7 + 1
        return Weekday(rawValue: iso)!
    }

    public func adding(days: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// Whole days from `self` to `other` (`other - self`).
    public func days(until other: LocalDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The last day of this date's month.
    public var endOfMonth: LocalDate {
        let c = civil
        return LocalDate(year: c.year, month: c.month, day: LocalDate.daysIn(month: c.month, year: c.year))!
    }

    // Howard Hinnant's civil-from-days algorithms.
    static func days(fromCivil y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    var civil: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

import Foundation

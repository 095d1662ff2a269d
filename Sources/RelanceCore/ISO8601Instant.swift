import Foundation

/// Strict parsing of an ISO 8601 instant with an explicit offset, as typed in `--now`:
/// `2026-11-16T10:00:00+01:00`, `2026-11-16T09:00:00Z`, `2026-11-16T10:00:00.250+0100`.
///
/// Pure arithmetic on `LocalDate`: no formatter, so no locale or ICU data is loaded for it (a daemon
/// started with `--now` stays as small as one started without).
public enum ISO8601Instant {
    /// The instant written in `text`, or `nil` unless the whole text is one: a real calendar day,
    /// `HH:MM:SS` (hour 00–23, no leap second), optional fractional seconds, and `Z` or `±HH:MM` /
    /// `±HHMM` (at most 23:59).
    public static func date(from text: some StringProtocol) -> Date? {
        let u = Array(text.utf8)
        guard u.count >= 20, u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: "t"),
            u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"),
            let day = LocalDate(isoUTF8: u[0..<10]),
            let hour = number(u, 11..<13), let minute = number(u, 14..<16), let second = number(u, 17..<19),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if u[index] == UInt8(ascii: ".") {
            var scale = 0.1
            index += 1
            let start = index
            while index < u.count, let digit = number(u, index..<index + 1) {
                fraction += Double(digit) * scale
                scale /= 10
                index += 1
            }
            guard index > start, index < u.count else { return nil }
        }
        guard let offset = offsetSeconds(u, from: index) else { return nil }
        let seconds = day.daysSinceEpoch * 86_400 + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds) + fraction)
    }

    /// `Z`, `±HH:MM` or `±HHMM` filling the rest of `u`, in seconds east of UTC.
    private static func offsetSeconds(_ u: [UInt8], from index: Int) -> Int? {
        let rest = u.count - index
        if rest == 1, u[index] == UInt8(ascii: "Z") || u[index] == UInt8(ascii: "z") { return 0 }
        guard rest == 5 || rest == 6 else { return nil }
        let sign: Int
        switch u[index] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        let minutesStart = rest == 6 ? index + 4 : index + 3
        guard rest == 5 || u[index + 3] == UInt8(ascii: ":"),
            let hours = number(u, index + 1..<index + 3), let minutes = number(u, minutesStart..<minutesStart + 2),
            hours < 24, minutes < 60
        else { return nil }
        return sign * (hours * 3_600 + minutes * 60)
    }

    private static func number(_ u: [UInt8], _ range: Range<Int>) -> Int? {
        guard range.upperBound <= u.count else { return nil }
        var value = 0
        for i in range {
            guard u[i] >= 0x30, u[i] <= 0x39 else { return nil }
            value = value * 10 + Int(u[i] - 0x30)
        }
        return value
    }
}

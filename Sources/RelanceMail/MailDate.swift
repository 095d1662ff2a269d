import Foundation
import RelanceCore

/// The RFC 5322 `Date:` value (`Tue, 17 Nov 2026 09:00:00 +0100`), written by hand in the C
/// locale: English day and month abbreviations whatever the machine's locale.
public enum MailDate {
    /// The instant as seen in `timeZone`, with that zone's UTC offset at that instant.
    public static func format(_ date: Date, timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let epochSeconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let local = epochSeconds + Int64(offset)
        let days = Int(floorDiv(local, 86_400))
        let secondOfDay = Int(local - Int64(days) * 86_400)
        let day = LocalDate(daysSinceEpoch: days)
        let sign = offset < 0 ? "-" : "+"
        let offsetMinutes = abs(offset) / 60
        return dayNames[day.weekday.rawValue - 1] + ", " + String(day.day) + " " + monthNames[day.month - 1] + " "
            + String(day.year) + " " + twoDigits(secondOfDay / 3600) + ":" + twoDigits(secondOfDay / 60 % 60) + ":"
            + twoDigits(secondOfDay % 60) + " " + sign + twoDigits(offsetMinutes / 60) + twoDigits(offsetMinutes % 60)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }

    private static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

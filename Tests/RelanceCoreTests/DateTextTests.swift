import Foundation
import RelanceCore
import Testing

/// Dates and times print with leading zeros, as `%04d-%02d-%02d` and `%02d:%02d` would write them.
@Suite struct DateTextTests {
    @Test func datesHaveFourDigitYearsAndTwoDigitMonthsAndDays() {
        #expect(LocalDate(iso: "2026-01-05")?.description == "2026-01-05")
        #expect(LocalDate(iso: "0812-12-31")?.description == "0812-12-31")
        #expect(LocalDate(iso: "9999-12-31")?.adding(days: 1).description == "10000-01-01")
    }

    @Test func datesParseFromBytesAsFromText() {
        let field = Array(",2024-02-29,".utf8)[1..<11]  // a slice that does not start at 0
        #expect(LocalDate(isoUTF8: field) == LocalDate(iso: "2024-02-29"))
        #expect(LocalDate(isoUTF8: Array("2023-02-29".utf8)) == nil)
        #expect(LocalDate(isoUTF8: Array("2024-2-29".utf8)) == nil)
    }

    @Test func timesHaveTwoDigitHoursAndMinutes() {
        #expect(LocalTime(hour: 9, minute: 5)?.description == "09:05")
        #expect(LocalTime(hour: 17, minute: 30)?.description == "17:30")
        let morning = LocalDateTime(Date(timeIntervalSince1970: 1_792_911_900), in: TimeZone(identifier: "UTC")!)  // 2026-10-25T07:05:00Z
        #expect(morning.description == "2026-10-25 07:05")
    }
}

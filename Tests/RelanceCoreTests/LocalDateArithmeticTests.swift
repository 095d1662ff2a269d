import Foundation
import RelanceCore
import Testing

@Suite struct LocalDateArithmeticTests {
    @Test func parsesStrictISODates() {
        #expect(LocalDate(iso: "2026-11-18")?.description == "2026-11-18")
        #expect(LocalDate(iso: "2026-02-30") == nil)
        #expect(LocalDate(iso: "2026-2-3") == nil)
        #expect(LocalDate(iso: "2026-13-01") == nil)
        #expect(LocalDate(iso: "2024-02-29") != nil)
        #expect(LocalDate(iso: "2025-02-29") == nil)
        #expect(LocalDate(iso: "2026-11-18T00:00") == nil)
    }

    @Test func addsAcrossMonthAndYearEnds() {
        #expect(Fixtures.date("2026-01-31").adding(days: 1).description == "2026-02-01")
        #expect(Fixtures.date("2026-12-31").adding(days: 1).description == "2027-01-01")
        #expect(Fixtures.date("2024-02-28").adding(days: 1).description == "2024-02-29")
        #expect(Fixtures.date("2025-02-28").adding(days: 1).description == "2025-03-01")
        #expect(Fixtures.date("2026-03-01").adding(days: -1).description == "2026-02-28")
        #expect(Fixtures.date("2025-03-31").days(until: Fixtures.date("2025-05-15")) == 45)
    }

    @Test func knowsWeekdays() {
        #expect(Fixtures.date("2026-11-22").weekday == .sunday)
        #expect(Fixtures.date("1970-01-01").weekday == .thursday)
        #expect(Fixtures.date("2024-02-29").weekday == .thursday)
    }

    @Test func convertsInstantsAcrossDaylightSaving() {
        // 2026-03-29: Paris jumps from 02:00 to 03:00. 09:00 local is 07:00 UTC on that day, 08:00 UTC the day before.
        let before = Fixtures.paris("2026-03-28 09:00")
        let after = Fixtures.paris("2026-03-29 09:00")
        #expect(after.timeIntervalSince(before) == 23 * 3600)
        #expect(LocalDateTime(after, in: Fixtures.paris).minutes == 9 * 60)
        // A wall-clock time in the gap lands after it.
        let gap = LocalDateTime(date: Fixtures.date("2026-03-29"), minutes: 2 * 60 + 30).instant(in: Fixtures.paris)
        #expect(LocalDateTime(gap, in: Fixtures.paris).minutes == 3 * 60 + 30)
        // 23:30 UTC on 2026-10-24 is already 01:30 on the 25th in Paris.
        let late = Date(timeIntervalSince1970: 1_792_884_600)  // 2026-10-24T23:30:00Z
        #expect(LocalDateTime(late, in: Fixtures.paris).date.description == "2026-10-25")
    }
}

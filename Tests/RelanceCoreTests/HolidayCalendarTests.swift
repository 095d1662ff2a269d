import RelanceCore
import Testing

@Suite struct HolidayCalendarTests {
    @Test(arguments: [(2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"), (2038, "2038-04-25")])
    func computesEaster(year: Int, easter: String) {
        #expect(HolidayCalendar.easterSunday(year).description == easter)
    }

    @Test func listsFrenchHolidaysOf2026() {
        let days = HolidayCalendar.france.holidays(in: 2026).map(\.description).sorted()
        #expect(days == [
            "2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25", "2026-07-14",
            "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25",
        ])
    }

    @Test func countsWorkingDaysOverWeekendsAndHolidays() {
        var calendar = ThresholdCalendar(holidays: .france)
        // Due Thursday 2026-05-07; 8 May (Fri) is a holiday, then the weekend: +1 working day is Mon 11 May.
        let step = Step(name: "first", offsetDays: 1, businessDays: true, action: .email, template: "x")
        #expect(calendar.threshold(of: step, due: Fixtures.date("2026-05-07")).description == "2026-05-11")
        // Ascension 2026-05-14 (Thu): due Wed 13 May + 2 working days = Fri 15 May... +1 is Fri, +2 is Mon 18.
        let two = Step(name: "x", offsetDays: 2, businessDays: true, action: .email, template: "x")
        #expect(calendar.threshold(of: two, due: Fixtures.date("2026-05-13")).description == "2026-05-18")
        // Backwards: 3 working days before Tue 2026-11-03 skips the weekend: Thu 29 Oct.
        let before = Step(name: "c", offsetDays: -3, businessDays: true, action: .email, template: "x")
        #expect(calendar.threshold(of: before, due: Fixtures.date("2026-11-03")).description == "2026-10-29")
        // Calendar days ignore holidays.
        let calendarDays = Step(name: "c", offsetDays: 1, action: .email, template: "x")
        #expect(calendar.threshold(of: calendarDays, due: Fixtures.date("2026-05-07")).description == "2026-05-08")
    }

    @Test func knowsUKAndGermanHolidays() {
        let uk = HolidayCalendar.unitedKingdom.holidays(in: 2026).map(\.description).sorted()
        #expect(uk == ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"])
        #expect(HolidayCalendar.germany.isHoliday(Fixtures.date("2026-10-03")))
        #expect(!HolidayCalendar.germany.isHoliday(Fixtures.date("2026-07-14")))
        #expect(HolidayCalendar.dates([Fixtures.date("2026-12-24")]).isHoliday(Fixtures.date("2026-12-24")))
    }
}

import RelanceCore
import Testing

@testable import RelanceConfig

@Suite struct SendingPolicyTests {
    @Test func everyBadSendingValueIsReported() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with(appending: [
            "sending:",  // 18
            "  timezone: \"Europe/Pariss\"",  // 19
            "  days: [mon, tue, wednesday]",  // 20
            "  hours: \"17:00-09:00\"",  // 21
            "  holidays: FRANCE",  // 22
            "  min_gap_days: -1",  // 23
        ])
        #expect(
            fixture.errors(yaml) == [
                "19:13: `sending.timezone`: unknown time zone `Europe/Pariss` (use an IANA name such as Europe/Paris)",
                "20:20: `sending.days[2]`: `wednesday` is not a day; use mon, tue, wed, thu, fri, sat or sun",
                "21:10: `sending.hours`: the window opens at 17:00 but closes at 09:00; the start must be before the end",
                "22:13: `sending.holidays` must be FR | UK | DE | none or a list of dates, found `FRANCE`",
                "23:17: `sending.min_gap_days` must be at least 0, found -1",
            ])
    }

    @Test func hoursMustBeHHMMDashHHMM() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with(appending: ["sending:", "  hours: \"9-17\""])
        #expect(
            fixture.errors(yaml) == [
                "19:10: `sending.hours` must be HH:MM-HH:MM (e.g. 09:00-17:00), found `9-17`"
            ])
    }

    @Test func dayNameTypoGetsAHint() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with(appending: ["sending:", "  days: [mon, tues]"])
        #expect(
            fixture.errors(yaml) == [
                "19:15: `sending.days[1]`: `tues` is not a day; use mon, tue, wed, thu, fri, sat or sun; did you mean `tue`?"
            ])
    }

    @Test func holidayDatesMustBeISO() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with(appending: ["sending:", "  holidays: [2025-12-25, 2025-13-01]"])
        #expect(
            fixture.errors(yaml) == ["19:26: `sending.holidays[1]`: `2025-13-01` is not a date YYYY-MM-DD"])
    }

    @Test func explicitPolicyIsRead() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with(appending: [
            "sending:",
            "  timezone: \"Europe/London\"",
            "  days: [sat, mon]",
            "  hours: \"08:30-24:00\"",
            "  holidays: [2025-12-25, \"2026-01-01\"]",
            "  min_gap_days: 0",
        ])
        let sending = try fixture.load(yaml).configuration.sending
        #expect(sending.timeZoneIdentifier == "Europe/London")
        #expect(sending.days == [.saturday, .monday])
        #expect(sending.opens == LocalTime(hour: 8, minute: 30))
        #expect(sending.closes == LocalTime(hour: 24, minute: 0))
        let dates = try [#require(LocalDate(iso: "2025-12-25")), #require(LocalDate(iso: "2026-01-01"))]
        #expect(sending.holidays == .dates(Set(dates)))
        #expect(sending.minGapDays == 0)
    }

    @Test(arguments: [
        ("UK", HolidayCalendar.unitedKingdom), ("DE", .germany), ("none", .none), ("FR", .france),
    ])
    func namedHolidayCalendars(name: String, calendar: HolidayCalendar) throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with(appending: ["sending:", "  holidays: \(name)"])
        #expect(try fixture.load(yaml).configuration.sending.holidays == calendar)
    }

    @Test func noDaysAtAll() throws {
        let fixture = try Fixture()
        let yaml = MinimalConfig.with(appending: ["sending:", "  days: []"])
        #expect(fixture.errors(yaml) == ["19:9: `sending.days` must name at least one day"])
    }
}

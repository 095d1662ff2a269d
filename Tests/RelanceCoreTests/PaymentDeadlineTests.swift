import RelanceCore
import Testing

/// The time a mise en demeure gives to pay, and the last day an email received today can name.
@Suite struct PaymentDeadlineTests {
    @Test func eightDaysForABusinessFifteenForAConsumer() {
        #expect(PaymentDeadline.days(for: .business) == 8)
        #expect(PaymentDeadline.days(for: .consumer) == 15)
    }

    @Test func aWorkingDayIsTheLastDayAsItIs() {
        // Wed 18 Nov 2026 + 8 = Thu 26 Nov.
        let day = PaymentDeadline.lastDay(receivedOn: Fixtures.date("2026-11-18"), days: 8, holidays: .france)
        #expect(day.description == "2026-11-26")
    }

    @Test func christmasAndTheWeekendAfterItMoveTheLastDayToMonday() {
        // Thu 17 Dec 2026 + 8 = Fri 25 Dec (a holiday), then Sat 26 and Sun 27: Mon 28 Dec.
        let day = PaymentDeadline.lastDay(receivedOn: Fixtures.date("2026-12-17"), days: 8, holidays: .france)
        #expect(day.description == "2026-12-28")
    }

    @Test func aSundayMovesToMondayAndAGermanBoxingDayToo() {
        // Sat 14 Nov 2026 + 8 = Sun 22 Nov: Mon 23 Nov.
        #expect(PaymentDeadline.lastDay(receivedOn: Fixtures.date("2026-11-14"), days: 8, holidays: .france).description
            == "2026-11-23")
        // Tue 17 Dec 2024 + 8 = Wed 25 Dec; 26 Dec is a holiday in Germany, not in France.
        #expect(PaymentDeadline.lastDay(receivedOn: Fixtures.date("2024-12-17"), days: 8, holidays: .germany).description
            == "2024-12-27")
        #expect(PaymentDeadline.lastDay(receivedOn: Fixtures.date("2024-12-17"), days: 8, holidays: .france).description
            == "2024-12-26")
    }

    @Test func neverEarlierThanTheDaysGivenAndNeverOnASundayOrHoliday() {
        for calendar in [Jurisdiction.fr, .uk, .de].map(\.publicHolidays) {
            var received = Fixtures.date("2026-01-01")
            for _ in 0..<730 {
                for days in [8, 15] {
                    let last = PaymentDeadline.lastDay(receivedOn: received, days: days, holidays: calendar)
                    #expect(last >= received.adding(days: days))
                    #expect(last.weekday != .sunday && last.weekday != .saturday && !calendar.isHoliday(last))
                }
                received = received.adding(days: 1)
            }
        }
    }
}

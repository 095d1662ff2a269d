import Foundation
import RelanceCore
import Testing

/// When does an invoice reach a step: calendar arithmetic on the client's local date.
@Suite struct PlannerThresholdTests {
    let planner = Fixtures.planner()

    func dueStep(_ invoice: Invoice, at now: Date, state: PlannerState = Fixtures.empty) -> String? {
        planner.plan(invoices: [invoice], state: state, now: now).messages.first?.step.name
    }

    @Test func firstReminderCrossesAMonthEnd() {
        let invoice = Fixtures.invoice("F1", due: "2026-01-31")
        // offset 1 → 2026-02-01 (a Sunday): reached that day, sent Monday 2 Feb at 09:00.
        #expect(dueStep(invoice, at: Fixtures.paris("2026-01-31 23:59")) == "courtesy")
        let plan = planner.plan(invoices: [invoice], state: Fixtures.empty, now: Fixtures.paris("2026-02-01 00:00"))
        #expect(plan.messages.first?.step.name == "first")
        #expect(plan.messages.first?.sendAt == Fixtures.paris("2026-02-02 09:00"))
        #expect(plan.messages.first?.waitReason == "window")
    }

    @Test func secondReminderAcrossALeapDay() {
        // Due 2024-02-22 + 8 days = 2024-03-01 in a leap year (02-29 exists), Friday.
        let invoice = Fixtures.invoice("F1", due: "2024-02-22")
        let state = PlannerState(reached: ["F1": ReachedStep(stepName: "first", offsetDays: 1, at: .distantPast)], clients: [:])
        #expect(dueStep(invoice, at: Fixtures.paris("2024-02-29 10:00"), state: state) == nil)
        #expect(dueStep(invoice, at: Fixtures.paris("2024-03-01 10:00"), state: state) == "second")
        // In 2025 (no 29 Feb) the same offsets land on 2025-03-02.
        let later = Fixtures.invoice("F1", due: "2025-02-22")
        #expect(dueStep(later, at: Fixtures.paris("2025-03-01 10:00"), state: state) == nil)
        #expect(dueStep(later, at: Fixtures.paris("2025-03-02 10:00"), state: state) == "second")
    }

    @Test func usesTheClientsLocalDateAcrossDaylightSaving() {
        // Clocks go back in Paris on 2026-10-25. Due 2026-10-24 + 1 = 10-25, reached at local midnight.
        let invoice = Fixtures.invoice("F1", due: "2026-10-24")
        let state = PlannerState(reached: ["F1": ReachedStep(stepName: "courtesy", offsetDays: -3, at: .distantPast)], clients: [:])
        let justBefore = Date(timeIntervalSince1970: 1_792_879_199)  // 2026-10-24T21:59:59Z = 23:59:59 CEST
        let midnight = Date(timeIntervalSince1970: 1_792_879_200)  // 2026-10-24T22:00:00Z = 00:00 CEST
        #expect(dueStep(invoice, at: justBefore, state: state) == nil)
        #expect(dueStep(invoice, at: midnight, state: state) == "first")
        // Sunday → sent Monday 26 Oct at 09:00 CET (08:00 UTC, one hour later in UTC than in summer).
        let sendAt = planner.plan(invoices: [invoice], state: state, now: midnight).messages.first?.sendAt
        #expect(sendAt == Date(timeIntervalSince1970: 1_793_001_600))  // 2026-10-26T08:00:00Z
    }

    @Test func aLondonClientCrossesItsThresholdAnHourLater() {
        let london = Fixtures.client("C1", tz: "Europe/London")
        let planner = Fixtures.planner(clients: [london])
        let invoice = Fixtures.invoice("F1", due: "2026-11-18")
        let state = PlannerState(reached: ["F1": ReachedStep(stepName: "courtesy", offsetDays: -3, at: .distantPast)], clients: [:])
        // 2026-11-19 00:30 in Paris is still 2026-11-18 23:30 in London.
        #expect(planner.plan(invoices: [invoice], state: state, now: Fixtures.paris("2026-11-19 00:30")).messages.isEmpty)
        let plan = planner.plan(invoices: [invoice], state: state, now: Fixtures.paris("2026-11-19 01:00"))
        #expect(plan.messages.first?.step.name == "first")
        // The London window opens at 09:00 London = 10:00 Paris.
        #expect(plan.messages.first?.sendAt == Fixtures.paris("2026-11-19 10:00"))
    }

    @Test func neverSendsOnAFrenchHolidayOrAWeekend() {
        // Due Thu 2026-11-05 + 1 = Fri 11-06; reached Sat 11-07 (not sent), next sending day Mon 11-09.
        let invoice = Fixtures.invoice("F1", due: "2026-11-05")
        let plan = planner.plan(invoices: [invoice], state: Fixtures.empty, now: Fixtures.paris("2026-11-07 10:00"))
        #expect(plan.messages.first?.sendAt == Fixtures.paris("2026-11-09 09:00"))
        // Reached on Tue 2026-11-10 at 18:00: Wed 11 Nov is Armistice day, so Thursday 12 at 09:00.
        let late = Fixtures.invoice("F2", due: "2026-11-09")
        let plan2 = planner.plan(invoices: [late], state: Fixtures.empty, now: Fixtures.paris("2026-11-10 18:00"))
        #expect(plan2.messages.first?.sendAt == Fixtures.paris("2026-11-12 09:00"))
        // Inside the window on a working day: now.
        let now = Fixtures.paris("2026-11-12 16:59")
        #expect(planner.plan(invoices: [late], state: Fixtures.empty, now: now).messages.first?.sendAt == now)
    }

    @Test func businessDayOffsetsSkipHolidays() {
        let schedule = Schedule(name: "standard", steps: [
            Step(name: "first", offsetDays: 2, businessDays: true, action: .email, template: "first-reminder"),
        ])
        let planner = Fixtures.planner(schedules: [schedule])
        // Due Thu 2026-05-07: +2 working days skips 8 May (holiday) and the weekend → Tue 12 May.
        let invoice = Fixtures.invoice("F1", due: "2026-05-07")
        #expect(planner.plan(invoices: [invoice], state: Fixtures.empty, now: Fixtures.paris("2026-05-11 10:00")).messages.isEmpty)
        #expect(planner.plan(invoices: [invoice], state: Fixtures.empty, now: Fixtures.paris("2026-05-12 10:00")).messages.count == 1)
    }

    @Test func reportsTheNextThresholdForSleeping() {
        let invoice = Fixtures.invoice("F1", due: "2026-11-30")
        let plan = planner.plan(invoices: [invoice], state: Fixtures.empty, now: Fixtures.paris("2026-11-20 10:00"))
        #expect(plan.messages.isEmpty)
        // Courtesy at due − 3 = 2026-11-27, local midnight.
        #expect(plan.nextThresholdAt == Fixtures.paris("2026-11-27 00:00"))
    }

    @Test func withWorkingAndCalendarDaysMixedTheNextThresholdIsTheEarliestComing() {
        // Due Thu 2026-12-24: `second` (6 working days: 25 Dec, the weekend and 1 Jan do not count) falls on
        // Mon 2027-01-04, `call` (10 calendar days) on Sun 2027-01-03: the call's day comes first.
        let schedule = Schedule(name: "standard", steps: [
            Step(name: "first", offsetDays: 1, businessDays: true, action: .email, template: "first-reminder"),
            Step(name: "second", offsetDays: 6, businessDays: true, action: .email, template: "second-reminder"),
            Step(name: "call", offsetDays: 10, action: .call),
        ])
        let planner = Fixtures.planner(schedules: [schedule])
        let invoice = Fixtures.invoice("F1", due: "2026-12-24")
        let state = PlannerState(reached: ["F1": ReachedStep(stepName: "first", offsetDays: 1, at: .distantPast)], clients: [:])
        let plan = planner.plan(invoices: [invoice], state: state, now: Fixtures.paris("2027-01-02 12:00"))
        #expect(plan.messages.isEmpty && plan.advances.isEmpty)
        #expect(plan.nextThresholdAt == Fixtures.paris("2027-01-03 00:00"))
    }
}

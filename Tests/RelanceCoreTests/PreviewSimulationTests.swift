import Foundation
import RelanceCore
import Testing

@Suite struct PreviewSimulationTests {
    @Test func walksTheLadderForwardInTime() {
        let simulator = PreviewSimulator(planner: Fixtures.planner())
        // Monday 2026-11-16 10:00; invoice due Thursday 2026-11-19.
        let items = simulator.preview(
            invoices: [Fixtures.invoice("F1", due: "2026-11-19")], state: Fixtures.empty,
            now: Fixtures.paris("2026-11-16 10:00"), days: 20)
        let summary = items.map { "\($0.step)@\(LocalDateTime($0.at, in: Fixtures.paris))" }
        #expect(summary == [
            "courtesy@2026-11-16 10:00",  // due − 3 was today
            "first@2026-11-23 09:00",  // due + 1 = Fri 20, but min gap 5 days from Mon 16 → Sat 21 → Mon 23
            "second@2026-11-30 09:00",  // due + 8 = Fri 27, gap → Sat 28 → Mon 30
            "call@2026-12-04 00:00",  // due + 15, a task, no window
        ])
        #expect(items.last?.kind == .task)
    }

    @Test func stopsAtTheHorizon() {
        let simulator = PreviewSimulator(planner: Fixtures.planner())
        let items = simulator.preview(
            invoices: [Fixtures.invoice("F1", due: "2026-12-30")], state: Fixtures.empty,
            now: Fixtures.paris("2026-11-16 10:00"), days: 7)
        #expect(items.isEmpty)
    }

    @Test func clientsDueAtTheSameInstantAllWalkTheirLadders() {
        let ids = (1...40).map { "C\($0)" }
        let simulator = PreviewSimulator(planner: Fixtures.planner(clients: ids.map { Fixtures.client($0) }))
        // Every client has one invoice due Thursday 2026-11-19: each walks the same ladder as one alone.
        let invoices = ids.enumerated().map { index, id in Fixtures.invoice("F\(index)", client: id, due: "2026-11-19") }
        let items = simulator.preview(
            invoices: invoices, state: Fixtures.empty, now: Fixtures.paris("2026-11-16 10:00"), days: 20)
        let byClient = Dictionary(grouping: items, by: \.clientID)
        #expect(byClient.count == 40)
        for id in ids {
            let summary = (byClient[id] ?? []).map { "\($0.step)@\(LocalDateTime($0.at, in: Fixtures.paris))" }
            #expect(summary == [
                "courtesy@2026-11-16 10:00", "first@2026-11-23 09:00", "second@2026-11-30 09:00", "call@2026-12-04 00:00",
            ], "client \(id)")
        }
        #expect(items.map(\.at) == items.map(\.at).sorted(), "items come in time order")
    }

    @Test func aHoldEndsOnItsDayInThePreviewAsInTheCycle() {
        let simulator = PreviewSimulator(planner: Fixtures.planner())
        // F1 due Thu 2026-11-19, paused until Tue 24 Nov; a promise on F2 broken after 27 Nov + 1 day of grace.
        var state = Fixtures.empty
        state.holds = [
            Hold(id: 1, scope: .invoice("F1"), kind: .pause(until: Fixtures.date("2026-11-24"), reason: "closed for stocktaking")),
            Hold(id: 2, scope: .invoice("F2"), kind: .promise(amount: Fixtures.money("1200.00"), date: Fixtures.date("2026-11-27"), graceDays: 1)),
        ]
        state.reached["F2"] = ReachedStep(stepName: "first", offsetDays: 1, at: Fixtures.paris("2026-11-13 10:00"))
        let items = simulator.preview(
            invoices: [Fixtures.invoice("F1", due: "2026-11-19"), Fixtures.invoice("F2", due: "2026-11-12")],
            state: state, now: Fixtures.paris("2026-11-16 10:00"), days: 20)
        let summary = items.map { "\($0.step)@\(LocalDateTime($0.at, in: Fixtures.paris)):\($0.invoices.joined(separator: ","))" }
        // The pause simply expires (no task); the broken promise opens a task and F2 resumes at the next step.
        #expect(summary.first == "first@2026-11-25 09:00:F1", "\(summary)")
        #expect(summary.contains("hold-promise-broken@2026-11-29 00:00:F2"), "\(summary)")
        let resumed = items.first { $0.step == "second" && $0.invoices.contains("F2") }
        #expect(resumed.map { $0.at > Fixtures.paris("2026-11-29 00:00") } == true, "F2 resumes at the second step: \(summary)")
        #expect(!items.contains { $0.invoices.contains("F2") && $0.at < Fixtures.paris("2026-11-29 00:00") }, "held until then")
        #expect(!summary.contains { $0.hasPrefix("hold-expired") }, "a pause that ends needs no person")
    }
}

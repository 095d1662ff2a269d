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
}

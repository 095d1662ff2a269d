import Foundation
import RelanceCore
import Testing

/// Dated rate tables: lookups, gaps, open ends, extension; the built-in figures are the note's.
@Suite struct RateTableTests {
    typealias R = LegalRulesRates

    @Test func lookupsByDateAndGaps() {
        let ecb = R.ecb
        #expect(ecb.rate(on: R.d("2024-01-01")) == R.pct("4.50"))
        #expect(ecb.rate(on: R.d("2024-06-11")) == R.pct("4.50"))
        #expect(ecb.rate(on: R.d("2024-06-12")) == R.pct("4.25"))
        #expect(ecb.rate(on: R.d("2024-09-01")) == nil, "a gap is unknown, never the nearest value")
        #expect(ecb.rate(on: R.d("2026-07-01")) == nil)
        #expect(ecb.rate(on: R.d("2023-09-19")) == nil)
    }

    @Test func anOpenEndedPeriodRunsUntilFurtherNotice() {
        let table = RateTable(name: "x", periods: [RatePeriod(from: R.d("2026-01-01"), rate: 3)])
        #expect(table.rate(on: R.d("2030-12-31")) == 3)
    }

    @Test func extendingReplacesTheSameStartAndAddsTheRest() {
        let extra = RateTable(
            name: RateTable.ecbMRO,
            periods: [
                RatePeriod(from: R.d("2025-06-11"), rate: R.pct("2.15"), source: "operator"),
                RatePeriod(from: R.d("2024-09-18"), to: R.d("2024-10-22"), rate: R.pct("3.65")),
            ])
        let merged = R.all.merging([extra])
        let table = merged[RateTable.ecbMRO]!
        #expect(table.periods.count == 5)
        #expect(table.period(on: R.d("2027-01-01"))?.source == "operator")
        #expect(table.rate(on: R.d("2024-10-01")) == R.pct("3.65"))
        #expect(merged[RateTable.boeBase] == R.boe, "other tables untouched")
    }

    @Test func whenPeriodsOverlapTheLaterStartWins() {
        let table = RateTable(
            name: "x",
            periods: [
                RatePeriod(from: R.d("2025-01-01"), to: R.d("2025-12-31"), rate: 1),
                RatePeriod(from: R.d("2025-03-01"), to: R.d("2025-03-31"), rate: 2),
            ])
        #expect(table.rate(on: R.d("2025-02-28")) == 1)
        #expect(table.rate(on: R.d("2025-03-15")) == 2)
        #expect(table.rate(on: R.d("2025-04-01")) == 1)
    }

    @Test func theBuiltInTablesHoldTheFiguresOfTheNote() {
        for expected in [R.ecb, R.legalProfessional, R.legalIndividual, R.boe, R.basiszins] {
            let builtIn = RateTables.builtIn[expected.name]
            #expect(
                builtIn?.periods.map { [$0.from, $0.to] } == expected.periods.map { [$0.from, $0.to] },
                "\(expected.name)")
            #expect(builtIn?.periods.map(\.rate) == expected.periods.map(\.rate), "\(expected.name)")
            #expect(builtIn?.periods.allSatisfy { $0.source?.isEmpty == false } == true)
        }
        #expect(Set(RateTables.builtIn.tables.keys) == Set(RateTable.knownNames))
    }

    @Test func percentagesPrintWithTwoDecimalsAndADot() {
        #expect(RateSegment.percentText(R.pct("13.15")) == "13.15")
        #expect(RateSegment.percentText(15) == "15.00")
        #expect(RateSegment.percentText(R.pct("12.1")) == "12.10")
        #expect(RateSegment.percentText(R.pct("7.865")) == "7.865")
        #expect(RateSegment.percentText(R.pct("-0.88")) == "-0.88")
    }
}

import Foundation
import RelanceCore
import Testing

/// French penalties across 1 January: each half-year's rate for its days, or the first day's rate.
@Suite struct SemesterBoundaryTests {
    typealias R = LegalRulesRates

    @Test func a1JanuaryBoundarySplitsTheDelay() {
        // 16 days of S2 2024 at 14.25 %, 20 days of S1 2025 at 13.15 %.
        let line = R.claim(R.invoice("5000.00", due: "2024-12-15"), asOf: "2025-01-20")
        #expect(line.daysLate == 36)
        #expect(R.segments(line) == ["2024-12-16…2024-12-31 14.25", "2025-01-01…2025-01-20 13.15"])
        #expect(line.interest?.plainText == "67.26", "5000 × (14.25 × 16 + 13.15 × 20) / 36500 = 67.2603")
    }

    @Test func fixedAtStartKeepsTheFirstDaysRate() {
        let line = R.claim(
            R.invoice("5000.00", due: "2024-12-15"), asOf: "2025-01-20",
            options: LateInterestOptions(rateMode: .fixedAtStart))
        #expect(R.segments(line) == ["2024-12-16…2025-01-20 14.25"])
        #expect(line.interest?.plainText == "70.27")
    }

    @Test func consecutiveHalfYearsAtTheSameRateShowAsOneRun() {
        // S2 2025 and S1 2026 are both 12.15 %.
        let line = R.claim(R.invoice("1000.00", due: "2025-12-01"), asOf: "2026-01-31")
        #expect(R.segments(line) == ["2025-12-02…2026-01-31 12.15"])
        #expect(line.interest?.plainText == "20.31", "1000 × 12.15 % × 61/365 = 20.3055")
    }

    @Test func aDueDateOnTheLastDayOfAHalfYearStartsInTheNextOne() {
        let line = R.claim(R.invoice("1200.00", due: "2025-06-30"), asOf: "2025-07-01")
        #expect(R.segments(line) == ["2025-07-01…2025-07-01 12.15"])
        #expect(line.daysLate == 1)
        #expect(line.interest?.plainText == "0.40", "1200 × 12.15 % / 365 = 0.3994")
    }
}

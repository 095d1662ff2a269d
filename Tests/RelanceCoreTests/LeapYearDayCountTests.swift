import Foundation
import RelanceCore
import Testing

/// 2024 is a leap year; French practice still divides by 365 (Banque de France), and Germany can be
/// switched to actual/actual.
@Suite struct LeapYearDayCountTests {
    typealias R = LegalRulesRates

    @Test func februaryTwentyNinthCountsAndTheDivisorStays365() {
        let line = R.claim(R.invoice("1000.00", due: "2024-02-15"), asOf: "2024-03-15")
        #expect(line.daysLate == 29)
        #expect(line.interest?.plainText == "11.52", "1000 × 14.50 % × 29/365 = 11.5205")
    }

    @Test func aWholeLeapYearIs366DaysOver365() {
        let line = R.claim(R.invoice("1000.00", due: "2023-12-31"), asOf: "2024-12-31")
        #expect(line.daysLate == 366)
        #expect(R.segments(line) == ["2024-01-01…2024-06-30 14.50", "2024-07-01…2024-12-31 14.25"])
        #expect(line.interest?.plainText == "144.14", "1000 × (14.50 × 182 + 14.25 × 184) / 36500 = 144.1370")
    }

    @Test func actualActualDividesLeapDaysBy366() {
        let options = LateInterestOptions(dayCount: .actualActual)
        let line = R.claim(R.invoice("1000.00", due: "2024-02-15"), asOf: "2024-03-15", options: options)
        #expect(line.interest?.plainText == "11.49", "1000 × 14.50 % × 29/366 = 11.4891")
        // Across a year end, each year's days are divided by that year's length.
        let across = R.claim(
            R.invoice("1000.00", due: "2024-12-21"), .de, asOf: "2025-01-10", options: options)
        // 10 days of 2024 at 3.37 + 9 = 12.37 % over 366, 10 days of 2025 at 11.27 % over 365.
        #expect(across.interest?.plainText == "6.47", "123.7/366 + 112.7/365 = 0.33798 + 0.30877 → 6.4675")
    }
}

import Foundation
import RelanceCore
import Testing

/// § 288 BGB: Basiszinssatz + 9 points (+ 5 with a consumer), by half-year; €40 Pauschale for businesses.
@Suite struct GermanDefaultInterestTests {
    typealias R = LegalRulesRates

    @Test func aConsumerPaysBasePlusFiveAndNoPauschale() {
        let line = R.claim(R.invoice("1200.00", due: "2025-03-31"), kind: .consumer, .de, asOf: "2025-05-15")
        #expect(R.segments(line) == ["2025-04-01…2025-05-15 7.27"])
        #expect(line.interest?.plainText == "10.76", "1200 × 7.27 % × 45/365 = 10.7556")
        #expect(line.indemnity?.plainText == "0.00")
    }

    @Test func theRateChangesOn1July() {
        let line = R.claim(R.invoice("1200.00", due: "2025-06-15"), .de, asOf: "2025-07-30")
        #expect(R.segments(line) == ["2025-06-16…2025-06-30 11.27", "2025-07-01…2025-07-30 10.27"])
        #expect(line.interest?.plainText == "15.69", "1200 × (11.27 × 15 + 10.27 × 30) / 36500 = 15.6871")
    }

    @Test func fixedAtStartIsAvailable() {
        let line = R.claim(
            R.invoice("1200.00", due: "2025-06-15"), .de, asOf: "2025-07-30",
            options: LateInterestOptions(rateMode: .fixedAtStart))
        #expect(line.interest?.plainText == "16.67")
    }

    @Test func theSecondHalfOf2026IsUnknown() {
        let line = R.claim(R.invoice("1200.00", due: "2026-06-15"), .de, asOf: "2026-07-30")
        #expect(line.interest == nil)
        #expect(line.interestUnknownReason?.contains("Basiszinssatz") == true)
        #expect(line.total.plainText == "1240.00")
    }
}

import Foundation
import RelanceCore
import Testing

@Suite struct MoneyRoundingTests {
    @Test func parsesExactDecimals() {
        #expect(Fixtures.money("1200.00").minorUnits == 120_000)
        #expect(Fixtures.money("0.1").minorUnits == 10)
        #expect(Fixtures.money("12.500").minorUnits == 1250)
        #expect(Money(decimal: "12.345", currency: .eur) == nil)
        #expect(Money(decimal: "1,200.00", currency: .eur) == nil)
        #expect(Money(decimal: "1e3", currency: .eur) == nil)
        #expect(Money(decimal: "", currency: .eur) == nil)
        #expect(Money(decimal: ".", currency: .eur) == nil)
        #expect(Money(decimal: "99999999999999999999", currency: .eur) == nil)
        #expect(Money(decimal: "-3.5", currency: .eur)?.minorUnits == -350)
        #expect(Money(decimal: "1500", currency: Currency(code: "JPY")!)?.minorUnits == 1500)
    }

    @Test func addsWithoutBinaryFloatingPointError() {
        // 0.1 + 0.2 is exactly 0.3 in minor units, which a Double would not give.
        #expect((Fixtures.money("0.10") + Fixtures.money("0.20")).plainText == "0.30")
        var total = Money.zero(.eur)
        for _ in 0..<1000 { total = total + Fixtures.money("0.01") }
        #expect(total.plainText == "10.00")
    }

    @Test func roundsOnceHalfUpToTheCent() {
        // 1200 × 0.1315 × 45 / 365 = 19.4547… → 19.45 (legal-rules.md, example 1).
        let interest = Decimal(1200) * Decimal(string: "0.1315")! * Decimal(45) / Decimal(365)
        #expect(Money(rounding: interest, currency: .eur).plainText == "19.45")
        #expect(Money(rounding: Decimal(string: "2.345")!, currency: .eur).plainText == "2.35")
        #expect(Money(rounding: Decimal(string: "-2.345")!, currency: .eur).plainText == "-2.35")
        #expect(Money(rounding: Decimal(string: "2.344999")!, currency: .eur).plainText == "2.34")
    }

    @Test func outstandingReflectsPartialAndFullPayment() {
        let partial = Fixtures.invoice("F1", due: "2026-11-01", amount: "1200.00", paid: "300.00")
        #expect(partial.outstanding.plainText == "900.00")
        #expect(!partial.isSettled)
        let full = Fixtures.invoice("F2", due: "2026-11-01", amount: "1200.00", paid: "1200.00")
        #expect(full.isSettled)
        #expect(full.outstanding.plainText == "0.00")
        let over = Fixtures.invoice("F3", due: "2026-11-01", amount: "100.00", paid: "150.00")
        #expect(over.isSettled && over.outstanding.minorUnits == 0)
    }
}

import RelanceCore
import Testing

@Suite("Amounts and dates written for French and English readers")
struct MoneyFormattingTests {
    private func money(_ minorUnits: Int64, _ code: String) -> Money {
        Money(minorUnits: minorUnits, currency: Currency(code: code) ?? .eur)
    }

    @Test func frenchGroupsWithNarrowNoBreakSpaceAndPutsEuroAfter() {
        #expect(Language.fr.format(money(123_456, "EUR")) == "1\u{202F}234,56\u{00A0}€")
    }

    @Test func frenchSmallAndLargeAmounts() {
        #expect(Language.fr.format(money(0, "EUR")) == "0,00\u{00A0}€")
        #expect(Language.fr.format(money(5, "EUR")) == "0,05\u{00A0}€")
        #expect(Language.fr.format(money(4_000, "EUR")) == "40,00\u{00A0}€")
        #expect(Language.fr.format(money(99_999, "EUR")) == "999,99\u{00A0}€")
        #expect(Language.fr.format(money(123_456_789_01, "EUR")) == "123\u{202F}456\u{202F}789,01\u{00A0}€")
    }

    @Test func negativeAmounts() {
        #expect(Language.fr.format(money(-123_456, "EUR")) == "-1\u{202F}234,56\u{00A0}€")
        #expect(Language.en.format(money(-350, "EUR")) == "-€3.50")
        #expect(Language.en.format(money(-100_000, "GBP")) == "-£1,000.00")
    }

    @Test func englishPutsSymbolFirst() {
        #expect(Language.en.format(money(123_456, "EUR")) == "€1,234.56")
        #expect(Language.en.format(money(4_000, "GBP")) == "£40.00")
        #expect(Language.en.format(money(1_000_000_00, "USD")) == "$1,000,000.00")
    }

    @Test func otherCurrenciesUseTheirCode() {
        #expect(Language.fr.format(money(123_456, "CHF")) == "1\u{202F}234,56\u{00A0}CHF")
        #expect(Language.en.format(money(123_456, "CHF")) == "CHF\u{00A0}1,234.56")
        #expect(Language.fr.format(money(150_000, "JPY")) == "150\u{202F}000\u{00A0}JPY")
        #expect(Language.en.format(money(1_234_567, "KWD")) == "KWD\u{00A0}1,234.567")
        #expect(Language.en.format(money(995, "SEK")) == "SEK\u{00A0}9.95")
    }

    @Test func frenchDates() throws {
        let date = try #require(LocalDate(iso: "2026-11-18"))
        #expect(Language.fr.format(date) == "18 novembre 2026")
        #expect(Language.fr.format(try #require(LocalDate(iso: "2026-12-01"))) == "1er décembre 2026")
        #expect(Language.fr.format(try #require(LocalDate(iso: "2027-02-02"))) == "2 février 2027")
        #expect(Language.fr.format(try #require(LocalDate(iso: "2026-08-15"))) == "15 août 2026")
    }

    @Test func englishDates() throws {
        #expect(Language.en.format(try #require(LocalDate(iso: "2026-11-18"))) == "18 November 2026")
        #expect(Language.en.format(try #require(LocalDate(iso: "2026-12-01"))) == "1 December 2026")
    }
}

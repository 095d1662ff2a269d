import RelanceCore
import Testing

/// A currency keeps its code and its minor digits, and compares by code.
@Suite struct CurrencyCodeTests {
    @Test(arguments: [("EUR", 2), ("JPY", 0), ("KWD", 3), ("CHF", 2), ("ZZZ", 2)])
    func codeAndMinorDigitsRoundTrip(code: String, digits: Int) throws {
        let currency = try #require(Currency(code: code))
        #expect(currency.code == code)
        #expect(currency.description == code)
        #expect(currency.minorDigits == digits)
    }

    @Test func onlyThreeUpperCaseLettersAreCodes() {
        for text in ["eur", "EU", "EURO", "E1R", "", "ÉUR"] { #expect(Currency(code: text) == nil, "\(text)") }
    }

    @Test func equalityAndHashFollowTheCode() {
        #expect(Currency(code: "EUR") == .eur)
        #expect(Currency(code: "GBP") != .eur)
        #expect(Set([Currency.eur, Currency(code: "EUR")!, .gbp]).count == 2)
    }
}

/// Amounts and dates written the way a reader of the language expects them in a business letter.
///
/// Everything is built by hand from `Money.minorUnits` and `LocalDate` fields: Foundation's
/// `NumberFormatter` and `DateFormatter` depend on the ICU data installed on the machine, and a
/// reminder must read the same on every host (and in tests).
///
/// Typographic choices (CLDR since version 34 makes the same ones):
/// - French groups thousands with a narrow no-break space (U+202F) and puts a no-break space
///   (U+00A0) between the number and the symbol, which follows it: `1 234,56 €`, `-40,00 €`,
///   `1 234,56 CHF`. Neither space lets a mail client break the amount across two lines.
/// - English puts a symbol before the number with no space (`€1,234.56`, `£40.00`, `$5.00`,
///   `-€3.50`) and an alphabetic code before it with a no-break space (`CHF 1,234.56`).
/// - Negative amounts start with an ASCII hyphen-minus in both languages (mail clients and
///   search render it everywhere, unlike U+2212).
/// - Dates are written out: `18 novembre 2026`, `1er décembre 2026` (the French ordinal for the
///   first day), `18 November 2026` (British order, no ordinal suffix).
extension Language {
    /// The amount with its currency, as written in a letter in this language.
    public func format(_ money: Money) -> String {
        let digits = groupedDigits(money)
        let sign = money.minorUnits < 0 ? "-" : ""
        let symbol = Language.symbol(for: money.currency)
        let isCode = symbol.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
        switch self {
        case .fr:
            return sign + digits + "\u{00A0}" + symbol
        case .en:
            return sign + symbol + (isCode ? "\u{00A0}" : "") + digits
        }
    }

    /// The date written out in full (`18 novembre 2026`, `1er décembre 2026`, `18 November 2026`).
    public func format(_ date: LocalDate) -> String {
        let monthIndex = date.month - 1
        switch self {
        case .fr:
            let day = date.day == 1 ? "1er" : String(date.day)
            return day + " " + Language.frenchMonths[monthIndex] + " " + String(date.year)
        case .en:
            return String(date.day) + " " + Language.englishMonths[monthIndex] + " " + String(date.year)
        }
    }

    /// The symbol written with an amount: `€`, `£`, `$`, `CHF`, or the ISO code for other currencies.
    public static func symbol(for currency: Currency) -> String {
        switch currency.code {
        case "EUR": return "€"
        case "GBP": return "£"
        case "USD": return "$"
        default: return currency.code
        }
    }

    private var thousandsSeparator: String { self == .fr ? "\u{202F}" : "," }
    private var decimalSeparator: String { self == .fr ? "," : "." }

    /// `1 234,56` / `1,234.56`: the magnitude with grouping and the currency's minor digits.
    private func groupedDigits(_ money: Money) -> String {
        let magnitude = money.minorUnits.magnitude
        var scale: UInt64 = 1
        for _ in 0..<money.currency.minorDigits { scale *= 10 }
        let whole = String(magnitude / scale)
        var grouped = ""
        for (index, character) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped += thousandsSeparator }
            grouped.append(character)
        }
        guard money.currency.minorDigits > 0 else { return grouped }
        var fraction = String(magnitude % scale)
        while fraction.count < money.currency.minorDigits { fraction = "0" + fraction }
        return grouped + decimalSeparator + fraction
    }

    private static let frenchMonths = [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]

    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
}

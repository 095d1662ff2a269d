import Foundation

/// An ISO 4217 currency and the number of digits of its minor unit.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    /// The code's three letters, packed (a million invoices hold two currencies each: no `String` per one).
    private let letters: UInt32
    private let digits: UInt8

    /// Accepts three upper-case ASCII letters; unknown codes get two minor digits.
    public init?(code: String) {
        guard code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else { return nil }
        letters = code.utf8.reduce(0) { $0 << 8 | UInt32($1) }
        switch code {
        case "JPY", "KRW", "CLP", "ISK", "VND", "XAF", "XOF", "XPF", "PYG", "UGX", "RWF", "KMF", "GNF", "DJF",
            "VUV", "BIF":
            digits = 0
        case "BHD", "KWD", "OMR", "JOD", "IQD", "LYD", "TND": digits = 3
        default: digits = 2
        }
    }

    /// The ISO 4217 code (`EUR`).
    public var code: String {
        String(unsafeUninitializedCapacity: 3) { buffer in
            buffer[0] = UInt8(letters >> 16 & 0xFF)
            buffer[1] = UInt8(letters >> 8 & 0xFF)
            buffer[2] = UInt8(letters & 0xFF)
            return 3
        }
    }

    /// Digits after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD.
    public var minorDigits: Int { Int(digits) }

    public var description: String { code }
    public static let eur = Currency(code: "EUR")!
    public static let gbp = Currency(code: "GBP")!
}

/// An exact amount of money in integer minor units (cents). Never a `Double`.
public struct Money: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    /// The largest amount relance accepts (10^13 major units), well inside `Int64`.
    public static let maximumMajorUnits: Int64 = 10_000_000_000_000

    /// Parses a decimal with a dot (`1200.00`, `-3.5`, `40`). More fraction digits than the currency
    /// has, thousands separators, exponents or absurd magnitudes are refused, never rounded.
    public init?(decimal text: some StringProtocol, currency: Currency) {
        self.init(decimalUTF8: Substring(text).utf8, currency: currency)
    }

    /// `init(decimal:currency:)` on the UTF-8 bytes of the text (a ledger field, without a `String`).
    init?<Bytes: Collection<UInt8>>(decimalUTF8 bytes: Bytes, currency: Currency) {
        var u = bytes[...]
        var negative = false
        if u.first == 0x2D {
            negative = true
            u = u.dropFirst()
        } else if u.first == 0x2B {
            u = u.dropFirst()
        }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenDot = false
        var digits = 0
        for c in u {
            if c == 0x2E {
                guard !seenDot else { return nil }
                seenDot = true
                continue
            }
            guard c >= 0x30, c <= 0x39 else { return nil }
            let d = Int64(c - 0x30)
            if seenDot {
                fractionDigits += 1
                guard fractionDigits <= currency.minorDigits else {
                    // Extra zeros are harmless (`12.500` for EUR); other digits would need rounding.
                    if d == 0 { fractionDigits -= 1; continue }
                    return nil
                }
                fraction = fraction * 10 + d
            } else {
                whole = whole * 10 + d
                digits += 1
                guard whole <= Money.maximumMajorUnits else { return nil }
            }
        }
        guard digits > 0 || fractionDigits > 0 else { return nil }
        if seenDot && fractionDigits == 0 && digits == 0 { return nil }
        var scale: Int64 = 1
        for _ in 0..<currency.minorDigits { scale *= 10 }
        for _ in fractionDigits..<currency.minorDigits { fraction *= 10 }
        let units = whole * scale + fraction
        self.init(minorUnits: negative ? -units : units, currency: currency)
    }

    /// The amount as an exact `Decimal` in major units.
    public var decimal: Decimal {
        Decimal(sign: minorUnits < 0 ? .minus : .plus, exponent: -currency.minorDigits,
            significand: Decimal(minorUnits.magnitude))
    }

    /// Rounds a `Decimal` amount of major units once, half away from zero, to the currency's minor unit.
    public init(rounding value: Decimal, currency: Currency) {
        var v = value
        var r = Decimal()
        NSDecimalRound(&r, &v, currency.minorDigits, .plain)
        var scaled = r
        for _ in 0..<currency.minorDigits { scaled *= 10 }
        self.init(minorUnits: NSDecimalNumber(decimal: scaled).int64Value, currency: currency)
    }

    /// Plain decimal text with exactly the currency's minor digits (`1200.00`), as the CSV and JSON use.
    public var plainText: String {
        let neg = minorUnits < 0
        let mag = minorUnits.magnitude
        guard currency.minorDigits > 0 else { return (neg ? "-" : "") + String(mag) }
        var scale: UInt64 = 1
        for _ in 0..<currency.minorDigits { scale *= 10 }
        var frac = String(mag % scale)
        while frac.count < currency.minorDigits { frac = "0" + frac }
        return (neg ? "-" : "") + String(mag / scale) + "." + frac
    }

    public var description: String { plainText + " " + currency.code }
    public var isPositive: Bool { minorUnits > 0 }

    public static func < (a: Money, b: Money) -> Bool {
        precondition(a.currency == b.currency, "comparing \(a.currency) with \(b.currency)")
        return a.minorUnits < b.minorUnits
    }

    public static func + (a: Money, b: Money) -> Money {
        precondition(a.currency == b.currency, "adding \(a.currency) to \(b.currency)")
        return Money(minorUnits: a.minorUnits + b.minorUnits, currency: a.currency)
    }

    public static func - (a: Money, b: Money) -> Money {
        precondition(a.currency == b.currency, "subtracting \(b.currency) from \(a.currency)")
        return Money(minorUnits: a.minorUnits - b.minorUnits, currency: a.currency)
    }
}

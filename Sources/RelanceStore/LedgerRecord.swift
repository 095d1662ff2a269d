import Foundation
import RelanceCore

/// An invoice row as a `ledger.imported` journal entry covers it, and its canonical bytes.
///
/// The entry's detail is `invoices=N sha256=H`: `H` is the SHA-256 of
///
///     "relance.ledger.v1" 0x00
///     then, for each invoice the entry introduced, sorted by the UTF-8 bytes of its number:
///     number str, client_id str, issued str, due str, amount_minor i64, paid_minor i64, currency str
///
/// with `str` and `i64` as in `JournalChain` (u64 big-endian byte length then the UTF-8 bytes; big-endian
/// two's complement), `issued` and `due` as stored (`YYYY-MM-DD`). The rows are the `invoices` rows whose
/// `origin_event` is the entry: their `origin` column (these same canonical bytes) once the row changed,
/// their current columns until then. Anyone can recompute the digest from the database.
struct LedgerRecord: Hashable {
    var number: String
    var clientID: String
    var issued: String
    var due: String
    var amountMinor: Int64
    var paidMinor: Int64
    var currency: String

    /// The journal kind of an entry that introduced invoices.
    static let importedKind = "ledger.imported"

    /// What the digest starts with.
    static let tag = Array("relance.ledger.v1\u{0}".utf8)

    /// The canonical bytes of this row (what `invoices.origin` holds), appended to `out`.
    func appendCanonical(to out: inout [UInt8]) {
        Self.put(number, &out)
        Self.put(clientID, &out)
        Self.put(issued, &out)
        Self.put(due, &out)
        Self.put(amountMinor, &out)
        Self.put(paidMinor, &out)
        Self.put(currency, &out)
    }

    /// The canonical bytes of this row.
    var canonical: [UInt8] {
        var out: [UInt8] = []
        appendCanonical(to: &out)
        return out
    }

    /// Reads canonical bytes back (an `origin` column); nil when they are not exactly one record.
    init?(canonical bytes: [UInt8]) {
        var reader = Reader(bytes: bytes)
        guard let number = reader.string(), let client = reader.string(), let issued = reader.string(),
            let due = reader.string(), let amount = reader.int(), let paid = reader.int(),
            let currency = reader.string(), reader.atEnd
        else { return nil }
        self.init(
            number: number, clientID: client, issued: issued, due: due, amountMinor: amount, paidMinor: paid,
            currency: currency)
    }

    init(
        number: String, clientID: String, issued: String, due: String, amountMinor: Int64, paidMinor: Int64,
        currency: String
    ) {
        (self.number, self.clientID, self.issued, self.due) = (number, clientID, issued, due)
        (self.amountMinor, self.paidMinor, self.currency) = (amountMinor, paidMinor, currency)
    }

    /// What `relance history` shows for the invoice's first appearance (as `invoice.new` did).
    var detail: String {
        Logfmt.pairs([
            "client": clientID, "issued": issued, "due": due, "amount": Self.plain(amountMinor, currency),
            "paid": Self.plain(paidMinor, currency), "currency": currency,
            "settled": paidMinor >= amountMinor ? "true" : nil,
        ])
    }

    /// Minor units as plain decimal text in `currencyCode` (the raw number if the code is unreadable).
    static func plain(_ minor: Int64, _ currencyCode: String) -> String {
        guard let currency = Currency(code: currencyCode) else { return String(minor) }
        return Money(minorUnits: minor, currency: currency).plainText
    }

    /// The `ledger.imported` detail for `count` rows whose digest is `sha256`.
    static func entryDetail(count: Int, sha256: String) -> String {
        "invoices=\(count) sha256=\(sha256)"
    }

    // MARK: - Encoding

    static func put(_ text: String, _ out: inout [UInt8]) {
        put(UInt64(text.utf8.count), &out)
        if text.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil {
            out.append(contentsOf: text.utf8)
        }
    }

    static func put(_ value: Int64, _ out: inout [UInt8]) {
        put(UInt64(bitPattern: value), &out)
    }

    static func put(_ value: UInt64, _ out: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) }
    }

    private struct Reader {
        let bytes: [UInt8]
        var i = 0
        var atEnd: Bool { i == bytes.count }

        mutating func u64() -> UInt64? {
            guard bytes.count - i >= 8 else { return nil }
            var v: UInt64 = 0
            for k in 0..<8 { v = v << 8 | UInt64(bytes[i + k]) }
            i += 8
            return v
        }

        mutating func int() -> Int64? { u64().map { Int64(bitPattern: $0) } }

        mutating func string() -> String? {
            guard let length = u64(), length <= UInt64(bytes.count - i) else { return nil }
            let end = i + Int(length)
            defer { i = end }
            return String(validating: bytes[i..<end], as: UTF8.self)
        }
    }
}

import Foundation

/// The hash chain of the journal: each entry's `hash` is
/// `SHA-256(prev_hash || canonical(entry))`, where `prev_hash` is the previous entry's `hash` as its 64
/// ASCII hex digits (64 zeros for the first entry) and `canonical` is the serialisation below.
///
/// Canonical form (every integer big-endian), unambiguous because every field is typed and
/// length-prefixed:
///
///     "relance.journal.v1" 0x00
///     id         i64
///     at         i64                      milliseconds since 1970 (the stored value)
///     kind       str
///     client_id  opt(str)
///     invoice    opt(str)
///     message    opt(i64)
///     detail     str
///     linked     u64 count, then str each  the entry's journal_invoices, sorted by UTF-8 bytes
///
///     str      = u64 byte length, then the UTF-8 bytes
///     opt(x)   = 0x00 for NULL, or 0x01 then x
///
/// Anyone can recompute the chain from the table with this description (e.g. in Python), which is the
/// point: the journal is evidence, and its check must not depend on relance.
enum JournalChain {
    /// The `prev_hash` of the first entry.
    static let genesis = String(repeating: "0", count: 64)

    /// The fields of one entry that the hash covers.
    struct Entry {
        var id: Int64
        var atMillis: Int64
        var kind: String
        var clientID: String?
        var invoice: String?
        var message: Int64?
        var detail: String
        /// The invoices the entry is linked to, in `sortedInvoices` order.
        var linkedInvoices: [String]
    }

    /// `hash` of an entry that follows an entry whose hash is `previous`.
    static func hash(previous: String, _ entry: Entry) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(160 + entry.detail.utf8.count)
        append(previous, to: &bytes)
        appendCanonical(entry, to: &bytes)
        return SHA256Hex.digest(bytes)
    }

    /// The canonical serialisation of the entry (see the type's documentation).
    static func canonical(_ entry: Entry) -> [UInt8] {
        var out = [UInt8]()
        appendCanonical(entry, to: &out)
        return out
    }

    private static let tag = Array("relance.journal.v1\u{0}".utf8)

    private static func appendCanonical(_ entry: Entry, to out: inout [UInt8]) {
        out.append(contentsOf: tag)
        put(entry.id, into: &out)
        put(entry.atMillis, into: &out)
        put(entry.kind, into: &out)
        put(optional: entry.clientID, into: &out)
        put(optional: entry.invoice, into: &out)
        if let message = entry.message {
            out.append(1)
            put(message, into: &out)
        } else {
            out.append(0)
        }
        put(entry.detail, into: &out)
        put(UInt64(entry.linkedInvoices.count), into: &out)
        for invoice in entry.linkedInvoices { put(invoice, into: &out) }
    }

    /// The invoices an entry is linked to: `linked` plus its own `invoice`, or only `invoice` when
    /// `linked` is empty; unique, sorted by UTF-8 bytes (SQLite's BINARY collation).
    static func linkedInvoices(invoice: String?, linked: [String]) -> [String] {
        if linked.isEmpty { return invoice.map { [$0] } ?? [] }
        var all = Set(linked)
        if let invoice { all.insert(invoice) }
        return sortedInvoices(all)
    }

    /// Invoice numbers sorted by their UTF-8 bytes, as SQLite's BINARY collation orders them.
    static func sortedInvoices(_ invoices: some Sequence<String>) -> [String] {
        invoices.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func put(_ value: Int64, into out: inout [UInt8]) {
        put(UInt64(bitPattern: value), into: &out)
    }

    private static func put(_ value: UInt64, into out: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) }
    }

    private static func put(_ text: String, into out: inout [UInt8]) {
        put(UInt64(text.utf8.count), into: &out)
        append(text, to: &out)
    }

    /// The UTF-8 bytes of `text`, copied at once when the string is contiguous (native strings are).
    private static func append(_ text: String, to out: inout [UInt8]) {
        if text.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil {
            out.append(contentsOf: text.utf8)
        }
    }

    private static func put(optional text: String?, into out: inout [UInt8]) {
        guard let text else { return out.append(0) }
        out.append(1)
        put(text, into: &out)
    }
}

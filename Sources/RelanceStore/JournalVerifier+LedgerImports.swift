import Foundation
import GRDB

/// Checking `ledger.imported` entries: the invoice rows that point at each one must still have the
/// count and SHA-256 its detail records (see `LedgerRecord`).
extension JournalVerifier {
    /// The count and digest of the rows pointing at each entry, recomputed in one pass over the invoices
    /// in number order (the digest's order).
    func importDigests() throws -> [Int64: (count: Int, sha256: String)] {
        var streams: [Int64: (count: Int, stream: SHA256Stream)] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT number, client_id, issued, due, amount_minor, paid_minor, currency, origin_event, origin
                FROM invoices WHERE origin_event IS NOT NULL ORDER BY number
                """)
        while let row = try rows.next() {
            guard case .int64(let event) = (row[7] as DatabaseValue).storage else {
                throw Self.malformedInvoice(row, 0, "its origin_event is not an integer")
            }
            let bytes: [UInt8]
            switch (row[8] as DatabaseValue).storage {
            case .blob(let origin): bytes = [UInt8](origin)
            case .null: bytes = try Self.currentRecord(row, event).canonical
            default: throw Self.malformedInvoice(row, event, "its origin is not a blob")
            }
            if streams[event] == nil {
                let stream = SHA256Stream()
                stream.update(LedgerRecord.tag)
                streams[event] = (0, stream)
            }
            streams[event]!.count += 1
            streams[event]!.stream.update(bytes)
        }
        return streams.mapValues { ($0.count, $0.stream.finish()) }
    }

    /// Compares a `ledger.imported` entry's `invoices=` and `sha256=` with what its rows hash to now.
    func checkImport(_ entry: JournalChain.Entry, rows: (count: Int, sha256: String)?) throws {
        let fields = Self.logfmtFields(entry.detail)
        guard let recorded = fields["invoices"].flatMap(Int.init), let sha256 = fields["sha256"] else {
            throw Broken(
                entryID: entry.id, reason: .malformedEntry,
                detail: "entry \(entry.id) (\(entry.kind)) has no valid invoices= and sha256=: \(entry.detail)")
        }
        let actual = rows ?? (0, Self.emptyImportDigest)
        guard actual.count == recorded, actual.sha256 == sha256 else {
            throw Broken(
                entryID: entry.id, reason: .ledgerMismatch,
                detail: "entry \(entry.id) (\(entry.kind)) introduced \(recorded) invoices whose rows hash to \(sha256); "
                    + "the \(actual.count) invoice rows that name it now hash to \(actual.sha256) "
                    + "(an imported invoice's first appearance was edited, deleted or re-attributed)")
        }
    }

    /// The digest of an entry whose rows are all gone: the tag alone.
    private static var emptyImportDigest: String { SHA256Hex.digest(LedgerRecord.tag) }

    /// Invoice rows naming an entry that is not a `ledger.imported` entry.
    func strayImports(_ left: [Int64: (count: Int, sha256: String)]) -> Broken? {
        guard let event = left.keys.min() else { return nil }
        return Broken(
            entryID: event, reason: .ledgerMismatch,
            detail: "\(left[event]!.count) invoice row(s) name entry \(event) as the ledger.imported entry that "
                + "introduced them, but entry \(event) is not one")
    }

    private static func currentRecord(_ row: Row, _ event: Int64) throws -> LedgerRecord {
        func text(_ index: Int, _ column: String) throws -> String {
            guard case .string(let value) = (row[index] as DatabaseValue).storage else {
                throw malformedInvoice(row, event, "its \(column) is not text")
            }
            return value
        }
        func integer(_ index: Int, _ column: String) throws -> Int64 {
            guard case .int64(let value) = (row[index] as DatabaseValue).storage else {
                throw malformedInvoice(row, event, "its \(column) is not an integer")
            }
            return value
        }
        return LedgerRecord(
            number: try text(0, "number"), clientID: try text(1, "client_id"), issued: try text(2, "issued"),
            due: try text(3, "due"), amountMinor: try integer(4, "amount_minor"), paidMinor: try integer(5, "paid_minor"),
            currency: try text(6, "currency"))
    }

    private static func malformedInvoice(_ row: Row, _ event: Int64, _ problem: String) -> Broken {
        let number = (row[0] as DatabaseValue).storage
        return Broken(entryID: event, reason: .malformedEntry, detail: "invoice row \(number): \(problem)")
    }
}

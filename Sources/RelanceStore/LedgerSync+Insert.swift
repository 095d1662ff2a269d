import Foundation
import GRDB
import RelanceCore

/// The new rows of a ledger sync: one `ledger.imported` entry, then the rows pointing at it.
extension LedgerSync {
    /// Rows per INSERT statement (multi-row VALUES): one statement run per 64 rows instead of per row.
    static let insertBatch = 64

    /// Journals the new invoices as one `ledger.imported` entry (count and digest of their canonical rows,
    /// in number order), then inserts their rows pointing at it, through two prepared statements
    /// (`insertBatch` rows, and one row for the rest).
    func insertNew(_ new: [Int], rebuildIndex: Bool, journal: JournalWriter) throws {
        let digest = SHA256Stream()
        digest.update(LedgerRecord.tag)
        for index in new {
            let invoice = invoices[index]
            digest.update { Self.appendCanonical(invoice, to: &$0) }
        }
        let entry = try journal.append(
            kind: LedgerRecord.importedKind, at: at, clientID: nil, invoice: nil, message: nil,
            detail: LedgerRecord.entryDetail(count: new.count, sha256: digest.finish()))

        // A large first import: build the client index once, sorted, instead of a random insert per row.
        let indexSQL = rebuildIndex ? try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'invoices_by_client'") : nil
        if indexSQL != nil { try db.execute(sql: "DROP INDEX invoices_by_client") }
        let single = try db.makeStatement(sql: Self.insertSQL(rows: 1))
        let batch = new.count >= Self.insertBatch ? try db.makeStatement(sql: Self.insertSQL(rows: Self.insertBatch)) : nil
        var buffer = RawRowBuffer()
        defer {  // before `buffer`'s memory goes
            single.clearBindingsRaw()
            batch?.clearBindingsRaw()
        }
        var k = 0
        while k < new.count {
            let (statement, rows) = new.count - k >= Self.insertBatch && batch != nil ? (batch!, Self.insertBatch) : (single, 1)
            buffer.reset()
            for r in 0..<rows {
                bind(invoices[new[k + r]], entry: entry, to: statement, from: Int32(r * Self.insertColumns), &buffer)
            }
            try statement.stepRaw(db)
            k += rows
        }
        if let indexSQL { try db.execute(sql: indexSQL) }
    }

    private static let insertColumns = 11

    /// `INSERT INTO invoices … VALUES (…)` with `rows` rows of `insertColumns` parameters each.
    private static func insertSQL(rows: Int) -> String {
        let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, 1, ?, ?, NULL, ?, ?)", count: rows).joined(separator: ", ")
        return """
            INSERT INTO invoices (number, client_id, issued, due, amount_minor, paid_minor, currency, in_ledger,
                first_seen, changed_at, vanished_at, settled_at, origin_event)
            VALUES \(values)
            """
    }

    /// Binds one row's parameters, after the `offset` parameters of the rows before it in the statement.
    private func bind(
        _ invoice: Invoice, entry: Int64, to insert: Statement, from offset: Int32, _ buffer: inout RawRowBuffer
    ) {
        buffer.bind(insert, offset + 1, invoice.number)
        buffer.bind(insert, offset + 2, invoice.clientID)
        Self.withISO(invoice.issued) { buffer.bind(insert, offset + 3, $0) }
        Self.withISO(invoice.due) { buffer.bind(insert, offset + 4, $0) }
        insert.bindRaw(offset + 5, invoice.amount.minorUnits)
        insert.bindRaw(offset + 6, invoice.paid.minorUnits)
        buffer.bind(insert, offset + 7, invoice.amount.currency.code)
        insert.bindRaw(offset + 8, now)
        insert.bindRaw(offset + 9, now)
        if invoice.isSettled { insert.bindRaw(offset + 10, now) } else { insert.bindRawNull(offset + 10) }
        insert.bindRaw(offset + 11, entry)
    }

    /// The invoice's canonical bytes (`LedgerRecord.appendCanonical` of the row it is stored as).
    static func appendCanonical(_ invoice: Invoice, to out: inout [UInt8]) {
        LedgerRecord.put(invoice.number, &out)
        LedgerRecord.put(invoice.clientID, &out)
        putISO(invoice.issued, &out)
        putISO(invoice.due, &out)
        LedgerRecord.put(invoice.amount.minorUnits, &out)
        LedgerRecord.put(invoice.paid.minorUnits, &out)
        LedgerRecord.put(invoice.amount.currency.code, &out)
    }

    private static func putISO(_ date: LocalDate, _ out: inout [UInt8]) {
        withISO(date) { bytes in
            LedgerRecord.put(UInt64(bytes.count), &out)
            out.append(contentsOf: bytes)
        }
    }
}

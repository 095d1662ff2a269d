import Foundation
import GRDB
import RelanceCore

/// The write half of a ledger sync: new rows under one `ledger.imported` entry, then the changed,
/// reappearing and vanished rows one entry each.
extension LedgerSync {
    enum UpdateKind {
        case changed, settled
    }

    /// Journals the new invoices as one `ledger.imported` entry (count and digest of their canonical rows,
    /// in number order), then inserts their rows pointing at it, through one prepared statement.
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
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO invoices (number, client_id, issued, due, amount_minor, paid_minor, currency, in_ledger,
                    first_seen, changed_at, vanished_at, settled_at, origin_event)
                VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, NULL, ?, ?)
                """)
        var row = RawRowBuffer()
        defer { insert.clearBindingsRaw() }  // before `row`'s memory goes
        for index in new {
            let invoice = invoices[index]
            row.reset()
            row.bind(insert, 1, invoice.number)
            row.bind(insert, 2, invoice.clientID)
            Self.withISO(invoice.issued) { row.bind(insert, 3, $0) }
            Self.withISO(invoice.due) { row.bind(insert, 4, $0) }
            insert.bindRaw(5, invoice.amount.minorUnits)
            insert.bindRaw(6, invoice.paid.minorUnits)
            row.bind(insert, 7, invoice.amount.currency.code)
            insert.bindRaw(8, now)
            insert.bindRaw(9, now)
            if invoice.isSettled { insert.bindRaw(10, now) } else { insert.bindRawNull(10) }
            insert.bindRaw(11, entry)
            try insert.stepRaw(db)
        }
        if let indexSQL { try db.execute(sql: indexSQL) }
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

    /// Rewrites a changed or reappearing row and journals it (`invoice.changed`, `invoice.settled`, or
    /// `invoice.reappeared`). The first change of an imported row keeps what it said in `origin`.
    func update(_ invoice: Invoice, from old: Stored, journal: JournalWriter) throws -> UpdateKind {
        let issued = StoreCodec.iso(invoice.issued)
        let due = StoreCodec.iso(invoice.due)
        let currency = invoice.amount.currency.code
        let settled = invoice.isSettled
        try db.cachedStatement(
            sql: """
                UPDATE invoices SET client_id = ?, issued = ?, due = ?, amount_minor = ?, paid_minor = ?,
                    currency = ?, in_ledger = 1, changed_at = ?, vanished_at = NULL,
                    settled_at = CASE WHEN ? THEN coalesce(settled_at, ?) ELSE NULL END,
                    origin = CASE WHEN origin_event IS NOT NULL THEN coalesce(origin, ?) END
                WHERE number = ?
                """
        ).execute(arguments: [
            invoice.clientID, issued, due, invoice.amount.minorUnits, invoice.paid.minorUnits, currency, now,
            settled, now, Data(old.record.canonical), invoice.number,
        ])
        let kind: String
        let result: UpdateKind
        if !old.inLedger {
            (kind, result) = ("invoice.reappeared", .changed)
        } else if settled && !old.settled {
            (kind, result) = ("invoice.settled", .settled)
        } else {
            (kind, result) = ("invoice.changed", .changed)
        }
        // Back in the ledger: describe it whole; otherwise: what changed.
        let detail =
            old.inLedger
            ? Self.changes(from: old.record, to: invoice, issued: issued, due: due).joined(separator: " ")
            : Logfmt.pairs([
                "client": invoice.clientID, "due": due, "amount": invoice.amount.plainText,
                "paid": invoice.paid.plainText, "currency": currency,
            ])
        try journal.append(
            kind: kind, at: at, clientID: invoice.clientID, invoice: invoice.number, message: nil, detail: detail)
        return result
    }

    /// Marks a row no longer in the ledger and journals `invoice.vanished` with what it said.
    func vanish(_ old: Stored, journal: JournalWriter) throws {
        let row = old.record
        try db.cachedStatement(sql: "UPDATE invoices SET in_ledger = 0, vanished_at = ?, changed_at = ? WHERE number = ?")
            .execute(arguments: [now, now, row.number])
        try journal.append(
            kind: "invoice.vanished", at: at, clientID: row.clientID, invoice: row.number, message: nil,
            detail: Logfmt.pairs([
                "client": row.clientID, "due": row.due, "amount": LedgerRecord.plain(row.amountMinor, row.currency),
                "paid": LedgerRecord.plain(row.paidMinor, row.currency), "currency": row.currency,
            ]))
    }

    /// What differs between the stored row and the ledger's, as logfmt pairs (`paid=300.00 previous_paid=0.00`).
    private static func changes(from old: LedgerRecord, to new: Invoice, issued: String, due: String) -> [String] {
        var changes: [String] = []
        func note(_ field: String, _ now: String, _ before: String) {
            guard now != before else { return }
            changes.append(Logfmt.pairs([field: now, "previous_" + field: before]))
        }
        let currency = new.amount.currency.code
        note("client", new.clientID, old.clientID)
        note("issued", issued, old.issued)
        note("due", due, old.due)
        note("currency", currency, old.currency)
        if new.amount.minorUnits != old.amountMinor || currency != old.currency {
            note("amount", new.amount.plainText, LedgerRecord.plain(old.amountMinor, old.currency))
        }
        if new.paid.minorUnits != old.paidMinor || currency != old.currency {
            note("paid", new.paid.plainText, LedgerRecord.plain(old.paidMinor, old.currency))
        }
        return changes
    }
}

import Foundation
import GRDB
import RelanceCore

/// The write half of a ledger sync for the rows already stored: the changed, reappearing and vanished
/// rows, one journal entry each (the new rows: `LedgerSync+Insert`).
extension LedgerSync {
    enum UpdateKind {
        case changed, settled
    }

    /// Rewrites a changed or reappearing row and journals it (`invoice.changed`, `invoice.settled`, or
    /// `invoice.reappeared`). The first change of an imported row keeps what it said in `origin`.
    ///
    /// A row whose client changed (a number reused for another client, or an invoice moved to the right
    /// one) starts its ladder over: the new client never got the earlier reminders, so its progress is
    /// removed (`ladder=restarted` in the entry) and the approvals given for the previous client no
    /// longer count (`SQLiteStore.approvedKeys`).
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
        let newClient = invoice.clientID != old.record.clientID
        if newClient {
            try db.cachedStatement(sql: "DELETE FROM progress WHERE invoice = ?").execute(arguments: [invoice.number])
        }
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
        var detail =
            old.inLedger
            ? Self.changes(from: old.record, to: invoice, issued: issued, due: due).joined(separator: " ")
            : Logfmt.pairs([
                "client": invoice.clientID, "due": due, "amount": invoice.amount.plainText,
                "paid": invoice.paid.plainText, "currency": currency,
            ])
        if newClient {
            // A changed row already says previous_client; a reappearing one is described whole.
            if !old.inLedger { detail += " " + Logfmt.pairs(["previous_client": old.record.clientID]) }
            detail += " ladder=restarted"
        }
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

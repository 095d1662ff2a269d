import Foundation
import GRDB
import RelanceCore

/// The ledger as last seen: syncing it (only changed rows are written) and reading it back.
extension SQLiteStore {
    /// One transaction, see `LedgerSync`: the stored rows are merged with the ledger in number order and
    /// only new, changed, reappearing or vanished invoices are written, through prepared statements.
    ///
    /// Journal kinds: `ledger.imported` (one entry for all the invoices first seen by this sync: their
    /// count and the SHA-256 of their rows, see `LedgerRecord`; each row points at it),
    /// `invoice.changed`, `invoice.settled` (paid ≥ amount, newly), `invoice.vanished` (no longer in the
    /// ledger) and `invoice.reappeared` (back in the ledger; counted as changed). A number listed twice is
    /// taken from its first row.
    public func syncLedger(_ invoices: [Invoice], at: Date) throws -> LedgerSyncSummary {
        try writer.write { db in try LedgerSync(db: db, invoices: invoices, at: at).run() }
    }

    /// Every invoice ever seen (vanished ones with `inLedger == false`), by number, with its progress.
    public func invoices() throws -> [StoredInvoice] {
        try writer.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT i.number, i.client_id, i.due, i.amount_minor, i.paid_minor, i.currency, i.in_ledger,
                           p.step, p.offset_days, p.at
                    FROM invoices i LEFT JOIN progress p ON p.invoice = i.number
                    ORDER BY i.number
                    """)
            var result: [StoredInvoice] = []
            while let row = try rows.next() {
                let currency = try StoreCodec.currency(row[5])
                var reached: ReachedStep?
                if let step: String = row[7] {
                    reached = StoreCodec.reachedStep(step: step, offsetDays: row[8], at: row[9])
                }
                result.append(
                    StoredInvoice(
                        number: row[0], clientID: row[1], due: try StoreCodec.localDate(row[2], column: "invoices.due"),
                        amount: Money(minorUnits: row[3], currency: currency),
                        paid: Money(minorUnits: row[4], currency: currency), inLedger: row[6], reached: reached))
            }
            return result
        }
    }
}

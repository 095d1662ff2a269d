import Foundation
import GRDB
import RelanceCore

/// An imported invoice's first appearance in `history`: its `ledger.imported` entry, shown for the
/// invoice with what the ledger said then (the row that entry's digest covers).
extension SQLiteStore {
    /// The first appearance of `invoice`, if a `ledger.imported` entry introduced it.
    static func importEvents(_ db: Database, invoice: String) throws -> [JournalEvent] {
        try Row.fetchAll(db, sql: importSQL() + " WHERE i.number = ?", arguments: [invoice]).map(importEvent)
    }

    /// The first appearances of the invoices the ledger gives to `client` now or gave it then.
    static func importEvents(_ db: Database, client: ClientID) throws -> [JournalEvent] {
        // Rows that changed since keep their first form in `origin` (a few, under a partial index).
        let rows =
            try Row.fetchAll(db, sql: importSQL() + " WHERE i.client_id = ?", arguments: [client])
            + Row.fetchAll(db, sql: importSQL(index: "invoices_with_origin") + " WHERE i.origin IS NOT NULL")
        var seen = Set<String>()
        return rows.compactMap { row in
            let event = importEvent(row)
            let current: String = row[1]
            guard event.clientID == client || current == client, let number = event.invoice,
                seen.insert(number).inserted
            else { return nil }
            return event
        }
    }

    /// `history`'s events with the imported invoices' first appearances, by id (then invoice number).
    static func merged(_ events: [JournalEvent], _ imports: [JournalEvent]) -> [JournalEvent] {
        guard !imports.isEmpty else { return events }
        return (events + imports).sorted { ($0.id, $0.invoice ?? "") < ($1.id, $1.invoice ?? "") }
    }

    /// The imported invoices with their entry, through `index` when given (`INDEXED BY`).
    private static func importSQL(index: String? = nil) -> String {
        """
        SELECT i.number, i.client_id, i.issued, i.due, i.amount_minor, i.paid_minor, i.currency, i.origin, j.id, j.at
        FROM invoices i \(index.map { "INDEXED BY \($0) " } ?? "")JOIN journal j ON j.id = i.origin_event
        """
    }

    private static func importEvent(_ row: Row) -> JournalEvent {
        let current = LedgerRecord(
            number: row[0], clientID: row[1], issued: row[2], due: row[3], amountMinor: row[4], paidMinor: row[5],
            currency: row[6])
        var detail: String
        var record = current
        if let origin: Data = row[7] {
            if let first = LedgerRecord(canonical: [UInt8](origin)) {
                record = first
                detail = first.detail
            } else {
                detail = current.detail + " origin=unreadable"
            }
        } else {
            detail = current.detail
        }
        return JournalEvent(
            id: row[8], kind: LedgerRecord.importedKind, at: StoreCodec.date(millis: row[9] as Int64),
            clientID: record.clientID, invoice: record.number, messageID: nil, detail: detail)
    }
}

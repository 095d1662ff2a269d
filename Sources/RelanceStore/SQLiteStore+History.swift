import Foundation
import GRDB
import RelanceCore

/// The append-only journal: writing events and reading an invoice's or a client's history.
extension SQLiteStore {
    /// Appends the event, linked to its invoice (if any) for `history(invoice:)`.
    public func journal(_ event: NewJournalEvent) throws {
        try writer.write { db in
            _ = try JournalWriter(db).append(
                kind: event.kind, at: event.at, clientID: event.clientID, invoice: event.invoice,
                message: event.messageID, detail: event.detail)
        }
    }

    /// The invoice's own events and those of every message that listed it, oldest first (by id); for an
    /// invoice a `ledger.imported` entry introduced, that entry shown for the invoice (what it said then).
    public func history(invoice: String) throws -> [JournalEvent] {
        try writer.read { db in
            let events = try Self.journalEvents(
                db,
                sql: """
                    SELECT \(Self.journalColumns) FROM journal
                    WHERE id IN (SELECT event_id FROM journal_invoices WHERE invoice = ?)
                    ORDER BY id
                    """,
                arguments: [invoice])
            return Self.merged(events, try Self.importEvents(db, invoice: invoice))
        }
    }

    /// Events carrying the client's id, and events about invoices the ledger gives to the client, oldest
    /// first (by id); the `ledger.imported` entry once per invoice it introduced for the client.
    public func history(client: ClientID) throws -> [JournalEvent] {
        try writer.read { db in
            let events = try Self.journalEvents(
                db,
                sql: """
                    SELECT \(Self.journalColumns) FROM journal
                    WHERE client_id = ?
                       OR (client_id IS NULL
                           AND id IN (SELECT ji.event_id FROM journal_invoices ji
                                      JOIN invoices i ON i.number = ji.invoice
                                      WHERE i.client_id = ?))
                    ORDER BY id
                    """,
                arguments: [client, client])
            return Self.merged(events, try Self.importEvents(db, client: client))
        }
    }

    /// The id of the last journal entry (0 for an empty journal).
    public func journalHeadID() throws -> Int64 {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM journal") ?? 0 }
    }

    /// The journal entries after `id`, oldest first, with their hashes (what a command just recorded).
    public func journalEntries(after id: Int64) throws -> [(event: JournalEvent, hash: String)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.journalColumns), hash FROM journal WHERE id > ? ORDER BY id", arguments: [id]).map { row in
                (JournalEvent(
                    id: row["id"], kind: row["kind"], at: StoreCodec.date(millis: row["at"] as Int64),
                    clientID: row["client_id"], invoice: row["invoice"], messageID: row["message"], detail: row["detail"]),
                 (row["hash"] as String?) ?? "")
            }
        }
    }

    // MARK: - Internals

    private static let journalColumns = "id, kind, at, client_id, invoice, message, detail"

    private static func journalEvents(_ db: Database, sql: String, arguments: StatementArguments) throws -> [JournalEvent] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            JournalEvent(
                id: row["id"], kind: row["kind"], at: StoreCodec.date(millis: row["at"] as Int64),
                clientID: row["client_id"], invoice: row["invoice"], messageID: row["message"], detail: row["detail"])
        }
    }
}

import Foundation
import GRDB
import RelanceCore

/// The journal events that stop a message planned before them (see `JournalMark`).
extension SQLiteStore {
    /// The kinds of event that stop or change a planned message: a hold, a payment told by hand, a
    /// write-off. Only people (`relance pause`, `promise`, `plan`, `dispute`, `pay`, `write-off`) write them.
    static let stoppingKinds = ["hold.added", "payment.recorded", "invoice.closed"]

    private static let stoppingEventsSQL = """
        SELECT id, kind, client_id, invoice FROM journal
        WHERE kind IN (\(stoppingKinds.map { "'\($0)'" }.joined(separator: ", "))) AND id > ? ORDER BY id
        """

    /// The journal as it stands now.
    public func journalMark() throws -> JournalMark {
        try writer.read { db in
            JournalMark(lastEntry: try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM journal") ?? 0)
        }
    }

    /// One event that may stop a planned message.
    struct StoppingEvent {
        var id: Int64
        var kind: String
        var clientID: ClientID?
        var invoice: String?

        /// Whether the event is about `client`'s message listing `invoices`: an invoice's event when the
        /// message lists that invoice, a client's event (no invoice) when it is that client's.
        func stops(client: ClientID, invoices: [String]) -> Bool {
            if let invoice { return invoices.contains(invoice) }
            return clientID == client
        }

        func refusal(client: ClientID) -> StoreError {
            .changedSincePlanning(client: client, invoice: invoice, kind: kind, event: id)
        }
    }

    /// The stopping events after `mark`, oldest first: none in nearly every transaction, found through the
    /// journal's (kind, id) index without reading the rest of the journal.
    static func stoppingEvents(_ db: Database, after mark: JournalMark) throws -> [StoppingEvent] {
        let rows = try Row.fetchAll(try db.cachedStatement(sql: stoppingEventsSQL), arguments: [mark.lastEntry])
        return rows.map { StoppingEvent(id: $0[0], kind: $0[1], clientID: $0[2], invoice: $0[3]) }
    }

    /// The refusal of `client`'s message listing `invoices`, planned at `mark`, if an event after the mark
    /// stops it.
    static func refusal(
        of client: ClientID, invoices: [String], plannedAt mark: JournalMark?, among events: [StoppingEvent]
    ) -> StoreError? {
        guard let mark else { return nil }
        return events.first { $0.id > mark.lastEntry && $0.stops(client: client, invoices: invoices) }?
            .refusal(client: client)
    }

    /// Throws the refusal of `client`'s message listing `invoices`, planned at `mark`, if an event after
    /// the mark stops it. No mark: no check.
    static func requireUnchanged(
        _ db: Database, client: ClientID, invoices: [String], since mark: JournalMark?
    ) throws {
        guard let mark else { return }
        let events = try stoppingEvents(db, after: mark)
        if let refusal = refusal(of: client, invoices: invoices, plannedAt: mark, among: events) { throw refusal }
    }
}

import Foundation
import GRDB
import RelanceCore

/// Appends events to the journal inside a write transaction, with its statements prepared once
/// (a ledger sync may append a hundred thousand events).
struct JournalWriter {
    private let db: Database
    private let insert: Statement
    private let link: Statement

    init(_ db: Database) throws {
        self.db = db
        insert = try db.cachedStatement(
            sql: "INSERT INTO journal (at, kind, client_id, invoice, message, detail) VALUES (?, ?, ?, ?, ?, ?)")
        link = try db.cachedStatement(sql: "INSERT INTO journal_invoices (invoice, event_id) VALUES (?, ?)")
    }

    /// Appends one event, linked to its own invoice and to every invoice in `linkedInvoices` (the
    /// invoices listed by the message it is about), so `history(invoice:)` finds it. Returns its id.
    @discardableResult
    func append(
        kind: String, at: Date, clientID: ClientID?, invoice: String?, message: Int64?, detail: String,
        linkedInvoices: [String] = []
    ) throws -> Int64 {
        insert.setUncheckedArguments([StoreCodec.millis(at), kind, clientID, invoice, message, detail])
        try insert.execute()
        let eventID = db.lastInsertedRowID
        if linkedInvoices.isEmpty {
            if let invoice { try linkInvoice(invoice, to: eventID) }
        } else {
            var linked = Set(linkedInvoices)
            if let invoice { linked.insert(invoice) }
            for number in linked.sorted() { try linkInvoice(number, to: eventID) }
        }
        return eventID
    }

    /// Appends an event about a stored message, linked to every invoice the message lists.
    func append(kind: String, at: Date, message: MessageRecord, detail: String) throws {
        try append(
            kind: kind, at: at, clientID: message.clientID, invoice: nil, message: message.id, detail: detail,
            linkedInvoices: message.invoices)
    }

    private func linkInvoice(_ invoice: String, to eventID: Int64) throws {
        link.setUncheckedArguments([invoice, eventID])
        try link.execute()
    }
}

import Foundation
import GRDB
import RelanceCore

/// Appends events to the journal inside a write transaction, with its statements prepared once
/// (a ledger sync may append a hundred thousand events).
///
/// Every entry is chained (see `JournalChain`): its id is the head's id + 1 (ids are gap-free, so a gap
/// means a deletion), its `prev_hash` is the head's hash, and its `hash` covers both and every field.
/// A trigger (schema v2) moves `journal_head` with every insert and refuses an entry that does not
/// follow it, so the chain cannot be broken by a bug, only by someone who drops the triggers.
final class JournalWriter {
    private let db: Database
    private var insert: Statement
    private let link: Statement
    /// The head this writer left after its last append. Reused while `db.lastInsertedRowID` is still that
    /// entry's id (inserts into the WITHOUT ROWID tables of a ledger sync leave it alone); re-read
    /// otherwise, and when the insert is refused because another writer appended meanwhile.
    private var head: (id: Int64, hash: String)?

    private static let insertSQL = """
        INSERT INTO journal (id, at, kind, client_id, invoice, message, detail, prev_hash, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    init(_ db: Database) throws {
        self.db = db
        insert = try db.cachedStatement(sql: Self.insertSQL)
        link = try db.cachedStatement(sql: "INSERT INTO journal_invoices (invoice, event_id) VALUES (?, ?)")
    }

    /// Appends one event, linked to its own invoice and to every invoice in `linkedInvoices` (the
    /// invoices listed by the message it is about), so `history(invoice:)` finds it. Returns its id.
    @discardableResult
    func append(
        kind: String, at: Date, clientID: ClientID?, invoice: String?, message: Int64?, detail: String,
        linkedInvoices: [String] = []
    ) throws -> Int64 {
        var entry = JournalChain.Entry(
            id: 0, atMillis: StoreCodec.millis(at), kind: kind, clientID: clientID, invoice: invoice, message: message,
            detail: detail, linkedInvoices: JournalChain.linkedInvoices(invoice: invoice, linked: linkedInvoices))
        let hash: String
        if let cached = head, db.lastInsertedRowID == cached.id {
            do {
                hash = try insert(&entry, after: cached)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                // Another writer appended in this transaction (the id is taken, or the trigger refused a
                // stale prev_hash). GRDB dropped the failed statement from its cache: prepare it again.
                insert = try db.cachedStatement(sql: Self.insertSQL)
                hash = try insert(&entry, after: readHead())
            }
        } else {
            hash = try insert(&entry, after: readHead())
        }
        head = (entry.id, hash)
        for number in entry.linkedInvoices {
            link.setUncheckedArguments([number, entry.id])
            try link.execute()
        }
        return entry.id
    }

    /// Appends an event about a stored message, linked to every invoice the message lists.
    func append(kind: String, at: Date, message: MessageRecord, detail: String) throws {
        try append(
            kind: kind, at: at, clientID: message.clientID, invoice: nil, message: message.id, detail: detail,
            linkedInvoices: message.invoices)
    }

    /// Inserts the entry as the successor of `previous`; returns its hash.
    private func insert(_ entry: inout JournalChain.Entry, after previous: (id: Int64, hash: String)) throws -> String {
        entry.id = previous.id + 1
        let hash = JournalChain.hash(previous: previous.hash, entry)
        insert.setUncheckedArguments([
            entry.id, entry.atMillis, entry.kind, entry.clientID, entry.invoice, entry.message, entry.detail,
            previous.hash, hash,
        ])
        try insert.execute()
        return hash
    }

    private func readHead() throws -> (id: Int64, hash: String) {
        let statement = try db.cachedStatement(sql: "SELECT last_id, hash FROM journal_head")
        guard let row = try Row.fetchOne(statement), let id = row[0] as Int64?, let hash = row[1] as String? else {
            throw StoreError.corrupt("the journal head (table journal_head) is missing")
        }
        return (id, hash)
    }
}

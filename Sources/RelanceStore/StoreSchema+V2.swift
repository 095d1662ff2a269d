import GRDB

/// Schema v2: the journal becomes a hash chain (evidence that no entry was edited or deleted).
extension StoreSchema {
    /// Adds `journal.prev_hash` and `journal.hash` (hex SHA-256, see `JournalChain`), hashes the entries
    /// already there in id order, and creates `journal_head`, a single row holding the id and hash of
    /// the last entry, moved by a trigger in the same transaction as every append.
    ///
    /// Triggers make the database itself refuse an entry that does not follow the head (raw inserts
    /// without a chain, ids out of sequence) and refuse to delete the head or move it other than one entry
    /// forward. They stop mistakes, not an attacker who can write the file: such a person can drop the
    /// triggers and rewrite the whole chain. `SQLiteStore.verifyJournal()` detects any edit short of a
    /// complete rewrite, and a head hash exported elsewhere (`relance verify-journal` prints it) detects
    /// that too.
    static func migrateToV2(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE journal ADD COLUMN prev_hash TEXT;  -- hash of the entry before (64 zeros for the first)
                ALTER TABLE journal ADD COLUMN hash TEXT;       -- SHA-256(prev_hash || canonical entry), hex
                DROP TRIGGER journal_no_update;                 -- recreated below, once the rows are hashed
                """)
        let (lastID, head) = try hashExistingEntries(db)
        try db.execute(sql: v2Head, arguments: [lastID, head])
    }

    /// Hashes the v1 entries in id order; returns the id and hash of the last one.
    private static func hashExistingEntries(_ db: Database) throws -> (Int64, String) {
        var links: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT event_id, invoice FROM journal_invoices") {
            links[row[0], default: []].append(row[1])
        }
        let rows = try Row.fetchAll(
            db, sql: "SELECT id, at, kind, client_id, invoice, message, detail FROM journal ORDER BY id")
        let update = try db.makeStatement(sql: "UPDATE journal SET prev_hash = ?, hash = ? WHERE id = ?")
        var previous = JournalChain.genesis
        var lastID: Int64 = 0
        for row in rows {
            let id: Int64 = row["id"]
            let entry = JournalChain.Entry(
                id: id, atMillis: row["at"], kind: row["kind"], clientID: row["client_id"], invoice: row["invoice"],
                message: row["message"], detail: row["detail"],
                linkedInvoices: JournalChain.sortedInvoices(links[id] ?? []))
            let hash = JournalChain.hash(previous: previous, entry)
            try update.execute(arguments: [previous, hash, id])
            previous = hash
            lastID = id
        }
        return (lastID, previous)
    }

    static let v2Head = """
        CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only: UPDATE refused'); END;

        -- The id and hash of the last journal entry: a single row, only ever moved one entry forward.
        CREATE TABLE journal_head (
            singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
            last_id   INTEGER NOT NULL,
            hash      TEXT NOT NULL
        );
        INSERT INTO journal_head (singleton, last_id, hash) VALUES (1, ?, ?);

        -- An entry must follow the head (the next id, the head's hash as prev_hash, a hash) and moves it,
        -- in the same statement; the head itself only moves one entry forward and cannot be deleted.
        CREATE TRIGGER journal_follows_head BEFORE INSERT ON journal
        BEGIN
            SELECT RAISE(ABORT, 'the journal is a hash chain: an entry must follow journal_head')
            FROM journal_head
            WHERE NEW.id IS NOT last_id + 1 OR NEW.prev_hash IS NOT hash OR length(NEW.hash) IS NOT 64;
            UPDATE journal_head SET last_id = NEW.id, hash = NEW.hash;
        END;
        CREATE TRIGGER journal_head_forward_only BEFORE UPDATE ON journal_head
        WHEN NEW.singleton IS NOT OLD.singleton OR NEW.last_id IS NOT OLD.last_id + 1
        BEGIN SELECT RAISE(ABORT, 'the journal head only moves one entry forward, with the journal'); END;
        CREATE TRIGGER journal_head_no_delete BEFORE DELETE ON journal_head
        BEGIN SELECT RAISE(ABORT, 'the journal head cannot be deleted'); END;
        """
}

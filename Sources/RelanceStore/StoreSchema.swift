import GRDB

/// The SQLite schema of `SQLiteStore`, as a list of GRDB migrations.
///
/// Conventions:
/// - instants (`Date`) are INTEGER milliseconds since 1970-01-01T00:00:00Z (rounded to the nearest ms);
/// - calendar dates (`LocalDate`) are TEXT `YYYY-MM-DD`;
/// - money is INTEGER minor units plus a TEXT ISO 4217 currency code (never REAL);
/// - string lists (a message's invoices and recipients) are TEXT JSON arrays;
/// - `messages.id` is the store's id of a message; `messages.message_id` is its RFC 5322 Message-ID.
///   Other tables refer to a message by its store id in a column named `message`.
///
/// The journal and its link table are append-only: triggers abort any UPDATE or DELETE. Since v2 the
/// journal is a hash chain with its head in `journal_head` (see `StoreSchema.migrateToV2` and `JournalChain`).
enum StoreSchema {
    /// The migrations, in order. Never edit a released migration: append a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2") { db in
            try migrateToV2(db)
        }
        registerEscalation(&migrator)
        registerReceipts(&migrator)
        registerLedgerImports(&migrator)
        registerPromiseBaseline(&migrator)
        registerDeferredSince(&migrator)
        registerProgressBefore(&migrator)
        registerTaskStillDue(&migrator)
        return migrator
    }

    static let v1 = """
        -- Invoices as last seen in the ledger. Rows are only written when something changed.
        CREATE TABLE invoices (
            number       TEXT PRIMARY KEY NOT NULL,
            client_id    TEXT NOT NULL,
            issued       TEXT NOT NULL,               -- YYYY-MM-DD
            due          TEXT NOT NULL,               -- YYYY-MM-DD
            amount_minor INTEGER NOT NULL,
            paid_minor   INTEGER NOT NULL,
            currency     TEXT NOT NULL,
            in_ledger    INTEGER NOT NULL DEFAULT 1 CHECK (in_ledger IN (0, 1)),
            first_seen   INTEGER NOT NULL,            -- first sync that saw it
            changed_at   INTEGER NOT NULL,            -- last sync that wrote the row (new, changed, vanished, back)
            vanished_at  INTEGER,                     -- the sync that found it missing; NULL while in the ledger
            settled_at   INTEGER                      -- the sync that found paid >= amount; NULL while owed
        ) WITHOUT ROWID;
        CREATE INDEX invoices_by_client ON invoices(client_id);

        -- The highest step each invoice reached. Only ever moves to a greater offset.
        CREATE TABLE progress (
            invoice     TEXT PRIMARY KEY NOT NULL,
            step        TEXT NOT NULL,
            offset_days INTEGER NOT NULL,
            at          INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE messages (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            client_id       TEXT NOT NULL,
            step            TEXT NOT NULL,
            template        TEXT NOT NULL,
            invoices        TEXT NOT NULL,            -- JSON array of invoice numbers
            state           TEXT NOT NULL
                CHECK (state IN ('planned', 'sending', 'sent', 'deferred', 'failed', 'unknown', 'cancelled')),
            message_id      TEXT NOT NULL UNIQUE,     -- RFC 5322 Message-ID, without angle brackets
            subject         TEXT NOT NULL,
            recipients      TEXT NOT NULL,            -- JSON array of addresses
            attempts        INTEGER NOT NULL,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            next_attempt_at INTEGER,                  -- only while deferred
            last_code       INTEGER,
            last_reply      TEXT,
            bytes           BLOB NOT NULL
        );
        CREATE INDEX messages_by_state ON messages(state, next_attempt_at);
        CREATE INDEX messages_by_client ON messages(client_id, created_at);

        -- One row per SMTP attempt; opened by beginMessage / beginRetry, closed by finishAttempt.
        CREATE TABLE attempts (
            message     INTEGER NOT NULL REFERENCES messages(id),
            number      INTEGER NOT NULL,
            started_at  INTEGER NOT NULL,
            finished_at INTEGER,
            outcome     TEXT CHECK (outcome IN ('sent', 'deferred', 'failed', 'unknown')),
            code        INTEGER,
            reply       TEXT,
            PRIMARY KEY (message, number)
        ) WITHOUT ROWID;

        CREATE TABLE tasks (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            client_id  TEXT NOT NULL,
            invoice    TEXT NOT NULL,
            step       TEXT NOT NULL,
            action     TEXT NOT NULL,
            summary    TEXT NOT NULL,
            state      TEXT NOT NULL CHECK (state IN ('open', 'done', 'skipped')),
            created_at INTEGER NOT NULL
        );
        CREATE INDEX tasks_by_state ON tasks(state);

        CREATE TABLE cycles (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at  INTEGER NOT NULL,
            finished_at INTEGER NOT NULL,
            planned     INTEGER NOT NULL,
            sent        INTEGER NOT NULL,
            deferred    INTEGER NOT NULL,
            failed      INTEGER NOT NULL,
            unknown     INTEGER NOT NULL,
            tasks       INTEGER NOT NULL,
            held_reason TEXT
        );

        -- The append-only event journal.
        CREATE TABLE journal (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            at        INTEGER NOT NULL,
            kind      TEXT NOT NULL,
            client_id TEXT,
            invoice   TEXT,
            message   INTEGER,                        -- messages.id
            detail    TEXT NOT NULL
        );
        CREATE INDEX journal_by_client ON journal(client_id);
        CREATE INDEX journal_by_message ON journal(message);

        -- Every invoice an event concerns: its own `invoice`, and every invoice listed by its message.
        CREATE TABLE journal_invoices (
            invoice  TEXT NOT NULL,
            event_id INTEGER NOT NULL REFERENCES journal(id),
            PRIMARY KEY (invoice, event_id)
        ) WITHOUT ROWID;

        CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only: UPDATE refused'); END;
        CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only: DELETE refused'); END;
        CREATE TRIGGER journal_invoices_no_update BEFORE UPDATE ON journal_invoices
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only: UPDATE refused'); END;
        CREATE TRIGGER journal_invoices_no_delete BEFORE DELETE ON journal_invoices
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only: DELETE refused'); END;
        """
}

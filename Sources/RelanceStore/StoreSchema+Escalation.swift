import GRDB

extension StoreSchema {
    /// The escalation tracker's tables: task outcomes and gates, holds, approvals, undeliverable
    /// addresses, closures (written off, cancelled), payments known before the ledger, and invoices that
    /// resume at the next rung.
    static let escalation = """
        ALTER TABLE tasks ADD COLUMN gate INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE tasks ADD COLUMN outcome TEXT;
        ALTER TABLE tasks ADD COLUMN reference TEXT;
        ALTER TABLE tasks ADD COLUMN closed_at INTEGER;
        CREATE INDEX tasks_by_invoice ON tasks(invoice, state);

        CREATE TABLE holds (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            scope         TEXT NOT NULL CHECK (scope IN ('invoice', 'client')),
            target        TEXT NOT NULL,
            kind          TEXT NOT NULL CHECK (kind IN ('promise', 'plan', 'dispute', 'pause')),
            amount_minor  INTEGER,
            currency      TEXT,
            until         TEXT NOT NULL,
            grace_days    INTEGER NOT NULL DEFAULT 0,
            reason        TEXT NOT NULL DEFAULT '',
            instalments   TEXT,
            created_at    INTEGER NOT NULL,
            ended_at      INTEGER,
            ending        TEXT
        );
        CREATE INDEX holds_standing ON holds(ended_at);

        CREATE TABLE approvals (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            client_id   TEXT NOT NULL,
            invoice     TEXT NOT NULL,
            step        TEXT NOT NULL,
            action      TEXT NOT NULL,
            state       TEXT NOT NULL CHECK (state IN ('waiting', 'approved')),
            created_at  INTEGER NOT NULL,
            approved_at INTEGER,
            UNIQUE (invoice, step)
        );

        CREATE TABLE undeliverable (
            address    TEXT PRIMARY KEY,
            client_id  TEXT NOT NULL,
            reason     TEXT NOT NULL,
            at         INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE closures (
            invoice    TEXT PRIMARY KEY,
            reason     TEXT NOT NULL CHECK (reason IN ('written-off', 'cancelled')),
            note       TEXT NOT NULL,
            at         INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE manual_payments (
            id                 INTEGER PRIMARY KEY AUTOINCREMENT,
            invoice            TEXT NOT NULL,
            amount_minor       INTEGER NOT NULL,
            currency           TEXT NOT NULL,
            date               TEXT NOT NULL,
            ledger_paid_minor  INTEGER NOT NULL,
            at                 INTEGER NOT NULL
        );

        CREATE INDEX attempts_by_start ON attempts(started_at);
        -- lastEvent(kind:) runs every cycle (the operator digest): never a scan of the whole journal.
        CREATE INDEX journal_by_kind ON journal(kind, id);

        CREATE TABLE resume_next (
            invoice TEXT PRIMARY KEY
        ) WITHOUT ROWID;
        """

    static func registerEscalation(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("escalation-v1") { db in
            try db.execute(sql: escalation)
        }
    }
}

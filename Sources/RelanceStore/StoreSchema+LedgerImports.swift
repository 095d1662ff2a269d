import GRDB

extension StoreSchema {
    /// Invoices first seen by a sync are journaled as one chained `ledger.imported` entry per sync (its
    /// detail: how many invoices and the SHA-256 of their canonical rows, see `LedgerRecord`) instead of
    /// one `invoice.new` entry each.
    ///
    /// - `invoices.origin_event`: the `ledger.imported` entry that introduced the invoice (NULL for
    ///   invoices journaled one by one before this migration: their `invoice.new` entry is linked as before);
    /// - `invoices.origin`: the canonical row as that entry saw it (`LedgerRecord`), written by the first
    ///   sync that changes the row; NULL while the row still says what it said then.
    ///
    /// Triggers keep both as fixed as the journal they belong to: `origin_event` never changes once set,
    /// `origin` never changes once set, the values of a row whose `origin` is still NULL cannot change
    /// without `origin` being set in the same UPDATE, and such an invoice cannot be deleted.
    /// `JournalVerifier` recomputes every entry's digest from the rows, so an edit that goes around the
    /// triggers is detected too.
    static let ledgerImports = """
        ALTER TABLE invoices ADD COLUMN origin_event INTEGER;  -- journal.id of the ledger.imported entry
        ALTER TABLE invoices ADD COLUMN origin BLOB;           -- the row as first imported, once it changed

        -- The few rows whose origin differs from their current values, for history(client:).
        CREATE INDEX invoices_with_origin ON invoices(origin_event) WHERE origin IS NOT NULL;

        CREATE TRIGGER invoices_origin_fixed BEFORE UPDATE ON invoices
        WHEN NEW.origin_event IS NOT OLD.origin_event AND OLD.origin_event IS NOT NULL
          OR NEW.origin IS NOT OLD.origin AND OLD.origin IS NOT NULL
          OR OLD.origin_event IS NOT NULL AND OLD.origin IS NULL AND NEW.origin IS NULL AND (
               NEW.number IS NOT OLD.number OR NEW.client_id IS NOT OLD.client_id OR NEW.issued IS NOT OLD.issued
            OR NEW.due IS NOT OLD.due OR NEW.amount_minor IS NOT OLD.amount_minor
            OR NEW.paid_minor IS NOT OLD.paid_minor OR NEW.currency IS NOT OLD.currency)
        BEGIN SELECT RAISE(ABORT, 'an imported invoice''s first appearance is journaled: origin_event and origin are fixed'); END;
        CREATE TRIGGER invoices_origin_no_delete BEFORE DELETE ON invoices
        WHEN OLD.origin_event IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'an imported invoice is covered by its ledger.imported entry: DELETE refused'); END;
        """

    static func registerLedgerImports(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("ledger-imports") { db in
            try db.execute(sql: ledgerImports)
        }
    }
}

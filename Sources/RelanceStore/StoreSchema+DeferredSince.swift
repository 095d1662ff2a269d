import GRDB

extension StoreSchema {
    /// When a deferred message's current run of refusals began: `smtp.max_deferred_hours` counts from it.
    /// Set by the first transient answer of a run; cleared when the operator asks for a resend
    /// (`relance resolve --not-delivered`) and while a hold keeps the retry waiting, so the next run
    /// counts from its own first refusal. Messages deferred before this migration count from their
    /// creation, as they did.
    static let deferredSince = """
        ALTER TABLE messages ADD COLUMN deferred_since INTEGER;  -- ms; NULL unless in a run of refusals
        UPDATE messages SET deferred_since = created_at WHERE state = 'deferred';
        """

    static func registerDeferredSince(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("deferred-since") { db in
            try db.execute(sql: deferredSince)
        }
    }
}

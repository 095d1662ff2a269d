import GRDB

extension StoreSchema {
    /// A promise's baseline: what its invoice was seen as paid when the promise was given, so that the
    /// promised amount arriving keeps it (a promise for part of the balance). NULL for promises recorded
    /// before: they are kept only once their invoice is settled, as they were.
    static let promiseBaseline = """
        ALTER TABLE holds ADD COLUMN paid_at_start_minor INTEGER;  -- a promise's paid amount when given
        """

    static func registerPromiseBaseline(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("promise-baseline") { db in
            try db.execute(sql: promiseBaseline)
        }
    }
}

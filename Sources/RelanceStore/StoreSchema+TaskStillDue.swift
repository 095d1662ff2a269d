import GRDB

extension StoreSchema {
    /// What was still due on a task's invoice when the task opened (minor units of the invoice's currency,
    /// as the cycle counted it): `relance tasks` says when payments arrived since, so that a registered
    /// letter written before them is not posted as it is. NULL for tasks opened before this migration and
    /// for those not about one invoice's balance.
    static let taskStillDue = """
        ALTER TABLE tasks ADD COLUMN still_due INTEGER;
        """

    static func registerTaskStillDue(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("task-still-due") { db in
            try db.execute(sql: taskStillDue)
        }
    }
}

import GRDB

extension StoreSchema {
    /// What the escalation tracker records after the fact: the day a registered letter was received
    /// (`relance task done ID --received DATE`) and how many of a payment plan's instalments were
    /// journaled as paid (`plan.instalment.paid` is written once per instalment, whatever the cycles).
    static let receipts = """
        ALTER TABLE tasks ADD COLUMN received TEXT;                               -- YYYY-MM-DD
        ALTER TABLE holds ADD COLUMN instalments_paid INTEGER NOT NULL DEFAULT 0;  -- a plan's instalments journaled as paid
        """

    static func registerReceipts(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("escalation-v2-receipts") { db in
            try db.execute(sql: receipts)
        }
    }
}

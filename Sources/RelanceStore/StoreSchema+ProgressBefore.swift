import GRDB

extension StoreSchema {
    /// What an invoice's progress was before the message that moved it, so that a message cancelled
    /// unsent (deferred, then never retried) gives its step back: the step was never delivered, and an
    /// invoice that comes back to the export, or a client added back to the config, must not find it
    /// reached. `message` is the store id of the message whose commit set the row (NULL for a step
    /// reached without a message: a call, a letter, a hold's ending); `previous_*` is the row it replaced
    /// (NULL step: there was none), `previous_resume` whether the invoice was to take its next rung after
    /// a hold (`resume_next`), which that advance used up. Rows written before this migration have no
    /// message: a cancel leaves them as they are, as it did.
    static let progressBefore = """
        ALTER TABLE progress ADD COLUMN message INTEGER;
        ALTER TABLE progress ADD COLUMN previous_step TEXT;
        ALTER TABLE progress ADD COLUMN previous_offset INTEGER;
        ALTER TABLE progress ADD COLUMN previous_at INTEGER;
        ALTER TABLE progress ADD COLUMN previous_resume INTEGER NOT NULL DEFAULT 0;
        """

    static func registerProgressBefore(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("progress-before-message") { db in
            try db.execute(sql: progressBefore)
        }
    }
}

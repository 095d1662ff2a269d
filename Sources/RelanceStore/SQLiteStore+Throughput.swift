import Foundation
import GRDB
import RelanceCore

extension SQLiteStore {
    /// How many sending attempts started at or after `since` (first sends and retries), for
    /// `smtp.max_per_minute`. Counted in the store so the limit holds across processes and restarts.
    public func attemptsStarted(since: Date) throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempts WHERE started_at >= ?", arguments: [StoreCodec.millis(since)]) ?? 0
        }
    }
}

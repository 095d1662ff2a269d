import GRDB

extension SQLiteStore {
    /// Frees the connections' page caches (SQLite's `sqlite3_db_release_memory`, and the pool's idle
    /// reader connections): what the daemon does between cycles, so that an idle daemon does not hold a
    /// copy of the store it read. The next read takes the pages from the file (the system's cache).
    public func releaseMemory() {
        if let pool = writer as? DatabasePool {
            pool.releaseMemory()
        } else if let queue = writer as? DatabaseQueue {
            queue.releaseMemory()
        }
    }
}

import CSQLiteSettings

/// SQLite's process-wide settings, applied once, before the process opens its first store.
///
/// - **No memory statistics** (`SQLITE_CONFIG_MEMSTATUS` off). With them on (Debian's build), every
///   allocation and free inside SQLite takes one process-wide mutex to keep counters that relance never
///   reads; a delivery allocates for every statement of every message, from two threads (the group
///   commits and the recording of answers). In a profile of 10,000 deliveries, the mutex calls left
///   the top of the profile (libc fell from 11.9 to 9.5 % of the samples); alternated runs measured 1 to
///   4 % less CPU per message, about the size of this machine's drift.
///
/// SQLite accepts these settings only before it initializes itself, that is before the first
/// connection of the process. A process that opened one before (a test that uses GRDB directly) keeps
/// SQLite's defaults: the call then returns `SQLITE_MISUSE` and changes nothing, which is harmless.
enum SQLiteProcessSettings {
    /// SQLite's result code for the settings (`SQLITE_OK`, 0, when they took effect).
    static let applied: Int32 = relance_sqlite3_disable_memory_statistics()

    /// Applies the settings if this process has not yet.
    static func apply() { _ = applied }
}

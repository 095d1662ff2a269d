import Foundation
import GRDB
import RelanceCore

/// The SQLite implementation of `ReminderStore`, through GRDB.
///
/// One file shared by the daemon and the CLI commands: WAL mode lets readers run while a writer
/// commits, and a busy timeout makes a second writer wait for the first instead of failing.
/// Every protocol method is one transaction (`BEGIN IMMEDIATE … COMMIT`).
///
/// Durability: GRDB puts WAL databases in `synchronous=NORMAL`, where a power loss may roll back the
/// last commits. That is not acceptable here: if the commit of a message in `sending` were lost after
/// SMTP delivered it, the message would look never sent and could be sent again. The writer
/// connection is therefore switched to `synchronous=FULL`, so every commit is fsynced before the
/// method returns (and before the caller speaks SMTP).
public final class SQLiteStore: ReminderStore, Sendable {
    /// How long a write waits for another connection (the daemon, a CLI command) to finish.
    public static let busyTimeout: TimeInterval = 5

    /// The writer connection's page cache (SQLite's default is 2 MiB); memory is only taken as used.
    static let writerCacheKiB = 32 * 1024

    /// The size the WAL file is truncated to after a checkpoint.
    static let walSizeLimit = 16 * 1024 * 1024

    /// The database file, or nil for an in-memory store.
    public let path: String?

    /// The GRDB connection(s): a `DatabasePool` for files, a `DatabaseQueue` in memory.
    let writer: any DatabaseWriter

    /// Opens the store at `path`, creating its parent folders and the file if absent, and migrates
    /// the schema.
    public init(path: String) throws {
        SQLiteProcessSettings.apply()
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "cannot create its folder: \(error.localizedDescription)")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration(label: path))
            // DatabasePool sets `synchronous=NORMAL` when it enables WAL, after `prepareDatabase`
            // ran: override it on the one writer connection (see the type's documentation).
            // A larger page cache keeps a big ledger sync from spilling pages to the WAL mid-transaction,
            // and the WAL is truncated back after a checkpoint instead of keeping its largest size.
            // Statement journals stay in memory (`temp_store = MEMORY`): a group commit of messages opens a
            // savepoint per message, whose journal of pages outgrew SQLite's 64 KiB in-memory spill and went
            // to a temporary file in /var/tmp, created, written page by page and deleted in about one
            // transaction in two (about 75 pwrite calls per message delivered; 10 to 15 % of the CPU).
            try pool.writeWithoutTransaction { db in
                try db.execute(
                    sql: """
                        PRAGMA synchronous = FULL;
                        PRAGMA cache_size = -\(Self.writerCacheKiB);
                        PRAGMA journal_size_limit = \(Self.walSizeLimit);
                        PRAGMA temp_store = MEMORY;
                        """)
            }
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
        try Self.migrate(pool, path: path)
        self.path = path
        self.writer = pool
    }

    /// A private store that lives in memory and vanishes with the object (tests, previews).
    public static func inMemory() throws -> SQLiteStore {
        SQLiteProcessSettings.apply()
        let queue = try DatabaseQueue(configuration: configuration(label: "in-memory"))
        try migrate(queue, path: ":memory:")
        return SQLiteStore(writer: queue)
    }

    private init(writer: any DatabaseWriter) {
        self.path = nil
        self.writer = writer
    }

    private static func configuration(label: String) -> Configuration {
        var config = Configuration()
        config.label = "relance-store"
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        return config
    }

    private static func migrate(_ writer: any DatabaseWriter, path: String) throws {
        let migrator = StoreSchema.migrator
        do {
            let superseded = try writer.read { db in try migrator.hasBeenSuperseded(db) }
            if superseded { throw StoreError.newerSchema(path: path) }
            try migrator.migrate(writer)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "migrating the schema failed: \(error)")
        }
    }
}

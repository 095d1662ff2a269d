import GRDB
import GRDBSQLite

/// The text parameters of one row, copied side by side into memory that stays put until the statement
/// has run, so they are bound without SQLite copying each one (`SQLITE_STATIC`): in a million-row
/// import those copies (a `malloc` and a `free` per text parameter) cost more than the inserts' B-tree
/// work. Text that does not fit is bound with a copy, as usual.
struct RawRowBuffer: ~Copyable {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var used = 0

    init(capacity: Int = 64 * 1024) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Starts a new row: the previous row's bytes may be overwritten (its statement has run).
    mutating func reset() { used = 0 }

    /// Binds `bytes` as text to the 1-based parameter `index` of `statement`, from this buffer.
    mutating func bind(_ statement: Statement, _ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty, capacity - used >= bytes.count else {
            return statement.bindRaw(index, bytes)
        }
        let start = base + used
        start.initialize(from: source, count: bytes.count)
        used += bytes.count
        start.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            _ = sqlite3_bind_text(statement.sqliteStatement, index, $0, Int32(bytes.count), nil)  // SQLITE_STATIC
        }
    }

    /// Binds `text` to the 1-based parameter `index` of `statement`, from this buffer.
    mutating func bind(_ statement: Statement, _ index: Int32, _ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bind(statement, index, $0) }
        if done == nil { statement.bindRaw(index, text) }
    }
}

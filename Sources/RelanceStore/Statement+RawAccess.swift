import GRDB
import GRDBSQLite

/// The SQLite C API on a prepared GRDB statement, for the loops of a ledger sync that run once per
/// ledger row: binding and reading columns without `StatementArguments`, `Row` or a `String` per column.
///
/// Every use steps the statement to completion and resets it; errors are thrown as GRDB's
/// `DatabaseError`, with the statement's SQL.
extension Statement {
    /// SQLite copies bound bytes at once (they may live on the stack).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds `text` (UTF-8) to the 1-based parameter `index`.
    func bindRaw(_ index: Int32, _ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bindRaw(index, $0) }) == nil {
            Array(text.utf8).withUnsafeBufferPointer { bindRaw(index, $0) }
        }
    }

    /// Binds UTF-8 bytes as text to the 1-based parameter `index`.
    func bindRaw(_ index: Int32, _ utf8: UnsafeBufferPointer<UInt8>) {
        guard let start = utf8.baseAddress, !utf8.isEmpty else {
            sqlite3_bind_text(sqliteStatement, index, "", 0, Self.transient)  // a NULL pointer would bind NULL
            return
        }
        start.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
            _ = sqlite3_bind_text(sqliteStatement, index, $0, Int32(utf8.count), Self.transient)
        }
    }

    /// Binds a blob to the 1-based parameter `index`.
    func bindRaw(_ index: Int32, blob: [UInt8]) {
        _ = blob.withUnsafeBytes {
            sqlite3_bind_blob(sqliteStatement, index, $0.baseAddress, Int32($0.count), Self.transient)
        }
    }

    /// Binds an integer to the 1-based parameter `index`.
    func bindRaw(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(sqliteStatement, index, value)
    }

    /// Binds NULL to the 1-based parameter `index`.
    func bindRawNull(_ index: Int32) {
        sqlite3_bind_null(sqliteStatement, index)
    }

    /// Unbinds every parameter (after binding memory that is about to be freed, see `RawRowBuffer`).
    func clearBindingsRaw() {
        sqlite3_clear_bindings(sqliteStatement)
    }

    /// Runs the bound statement once (an INSERT or UPDATE), then resets it.
    func stepRaw(_ db: Database) throws {
        let code = sqlite3_step(sqliteStatement)
        guard code == SQLITE_DONE else {
            let error = rawError(db, code)
            sqlite3_reset(sqliteStatement)
            throw error
        }
        sqlite3_reset(sqliteStatement)
    }

    /// Steps a query: calls `row` for each result row (read its columns with `textRaw` and `int64Raw`),
    /// then resets the statement.
    func forEachRowRaw(_ db: Database, _ row: () throws -> Void) throws {
        defer { sqlite3_reset(sqliteStatement) }
        while true {
            let code = sqlite3_step(sqliteStatement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw rawError(db, code) }
            try row()
        }
    }

    /// The 0-based column of the current row as UTF-8 bytes (valid until the next step); empty for NULL.
    func textRaw(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        let start = sqlite3_column_text(sqliteStatement, column)
        let count = Int(sqlite3_column_bytes(sqliteStatement, column))
        return UnsafeBufferPointer(start: start, count: start == nil ? 0 : count)
    }

    /// The 0-based column of the current row as a `String`.
    func stringRaw(_ column: Int32) -> String {
        String(decoding: textRaw(column), as: UTF8.self)
    }

    /// The 0-based column of the current row as an integer (0 for NULL).
    func int64Raw(_ column: Int32) -> Int64 {
        sqlite3_column_int64(sqliteStatement, column)
    }

    /// Whether the 0-based column of the current row is NULL.
    func isNullRaw(_ column: Int32) -> Bool {
        sqlite3_column_type(sqliteStatement, column) == SQLITE_NULL
    }

    private func rawError(_ db: Database, _ code: Int32) -> DatabaseError {
        let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }
}

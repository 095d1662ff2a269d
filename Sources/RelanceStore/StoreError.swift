import Foundation
import GRDB
import RelanceCore

#if canImport(Glibc)
import Glibc
#endif

/// Why the store refused an operation or could not read its own data.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database file could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// The file was written by a newer relance whose schema this version does not know.
    case newerSchema(path: String)
    /// No message has this id.
    case unknownMessage(id: Int64)
    /// The message is not in the state the operation requires (the guard against double sends).
    case invalidTransition(messageID: Int64, state: MessageState, required: MessageState, action: String)
    /// Another message already uses this RFC 5322 Message-ID.
    case duplicateMessageID(String, existingID: Int64)
    /// The invoice already reached this step or a later one: whoever planned the advance worked from a
    /// stale view (another process, or two steps with the same offset), so nothing is recorded.
    case staleAdvance(invoice: String, step: String, offsetDays: Int, reachedStep: String, reachedOffsetDays: Int)
    /// A person recorded something that stops or changes the message (journal entry `event` of `kind`:
    /// a hold, a payment, a write-off, on the client or on `invoice`) after the cycle planned it from an
    /// older `JournalMark`: nothing of the message is recorded, and the next cycle plans it afresh.
    case changedSincePlanning(client: String, invoice: String?, kind: String, event: Int64)
    /// A stored value cannot be read back (edited by hand, or written by a buggy version).
    case corrupt(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open the store \(path): \(reason)"
        case .newerSchema(let path):
            return "the store \(path) was written by a newer version of relance; refusing to use it"
        case .unknownMessage(let id):
            return "no message with id \(id)"
        case .invalidTransition(let id, let state, let required, let action):
            return "message \(id) is in state \(state.rawValue), not \(required.rawValue); refusing to \(action)"
        case .duplicateMessageID(let messageID, let existing):
            return "Message-ID <\(messageID)> is already used by message \(existing); refusing to record it twice"
        case .staleAdvance(let invoice, let step, let offset, let reachedStep, let reachedOffset):
            return "invoice \(invoice) already reached step \(reachedStep) (offset \(reachedOffset) days); "
                + "refusing to record step \(step) (offset \(offset) days) again"
        case .changedSincePlanning(let client, let invoice, let kind, let event):
            let target = invoice.map { "invoice \($0) of client \(client)" } ?? "client \(client)"
            return "\(kind) for \(target) was recorded (journal entry \(event)) after this message was planned; "
                + "refusing to send what was planned before it"
        case .corrupt(let what):
            return "the store is corrupt: \(what)"
        }
    }
}

extension StoreError {
    /// Whether this is `changedSincePlanning`: the message is planned again, nothing failed.
    public var isChangedSincePlanning: Bool {
        if case .changedSincePlanning = self { return true }
        return false
    }

    /// One line for the operator when the store at `path` failed: which store, and why in plain words
    /// (the disk is full, the folder is read-only), with SQLite's own code and message but not the SQL.
    ///
    ///     the store /var/lib/relance/relance.sqlite cannot be written: the disk is full (no space left
    ///     on the file system of /var/lib/relance) (SQLite error 13: database or disk is full)
    ///
    /// Errors that are not the store's are described as they are.
    public static func explain(_ error: any Error, storePath path: String) -> String {
        switch error {
        case let error as DatabaseError:
            let cause = error.resultCode == .SQLITE_FULL ? diskFull(path) : fileSystemCause(path)
            let sqlite = "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "\(error.resultCode)")"
            return "the store \(path) cannot be written: " + (cause.map { "\($0) (\(sqlite))" } ?? sqlite)
        case StoreError.cannotOpen(let opened, let reason):
            return "cannot open the store \(opened): " + (fileSystemCause(opened).map { "\($0) (\(reason))" } ?? reason)
        case let error as StoreError:
            return error.description
        default:
            return "\(error)"
        }
    }

    private static func diskFull(_ path: String) -> String {
        "the disk is full (no space left on the file system of \(folder(of: path)))"
    }

    private static func folder(of path: String) -> String { (path as NSString).deletingLastPathComponent }

    /// What the file system says about the store's folder: read-only, not writable, or full; nil when
    /// none of these holds (the SQLite message is then all there is to say).
    static func fileSystemCause(_ path: String) -> String? {
        let folder = folder(of: path)
        var info = statvfs()
        if statvfs(folder, &info) == 0, info.f_flag & UInt(ST_RDONLY) != 0 {
            return "its folder \(folder) is on a read-only file system"
        }
        for file in [folder, path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            if access(file, W_OK) != 0 { return "\(file) is read-only (\(String(cString: strerror(errno))))" }
        }
        if statvfs(folder, &info) == 0, info.f_bavail == 0 { return diskFull(path) }
        return nil
    }
}

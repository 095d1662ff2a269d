import Foundation
import GRDB
import RelanceCore

/// Evidence: the hash-chained journal and the archive of the exact bytes of every message that may have
/// reached its recipient.
///
/// What this proves, and what it does not: the journal is a hash chain whose head is also kept in
/// `journal_head`, so a changed byte, a deleted entry (in the middle or at the end) or an inserted one
/// is detected, as is an archived `.eml` edited or removed. It is not a signature: someone who can write
/// the database file can drop the triggers and recompute the whole chain and the head. Detecting that
/// takes a copy of the head hash kept elsewhere (`relance verify-journal` prints it; export it regularly,
/// e.g. to the logs of another machine or with each monthly statement): a later head must extend it.
extension SQLiteStore {
    /// The journal kind of a successfully archived message (`sha256= path= bytes= message_id= attempt=`).
    static let archivedKind = "message.archived"
    /// The journal kind of a message whose bytes could not be archived (`reason= path= message_id= attempt=`).
    static let archiveFailedKind = "message.archive_failed"

    /// The folder of the database file, which holds `archive/`; nil for an in-memory store.
    public var stateFolder: URL? {
        path.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
    }

    /// Checks the whole journal in one read snapshot: every entry's hash against its fields and invoice
    /// links, the chain of `prev_hash` from 64 zeros, gap-free ids from 1, `journal_head` against the last
    /// entry, and the size and SHA-256 of every `.eml` a `message.archived` entry names. Stops at the first
    /// problem (`JournalVerification.firstBreak`). Throws only when the database cannot be read.
    public func verifyJournal() throws -> JournalVerification {
        let archive = stateFolder.map { MessageArchive(stateFolder: $0) }
        return try writer.read { db in try JournalVerifier(db: db, archive: archive).run() }
    }

    /// The id of the entry whose hash is `hash` (64 hex digits, any case), or nil. After a verification
    /// that found the journal intact, finding a head exported earlier proves that every entry up to it is
    /// unchanged; not finding it means the journal was rewritten since.
    public func journalEntryID(hash: String) throws -> Int64? {
        try writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM journal WHERE hash = ?", arguments: [hash.lowercased()])
        }
    }

    /// Inside the transaction that records `message` as sent or unknown: writes its bytes to the archive
    /// (durably, before the commit) and journals `message.archived` with their SHA-256, or
    /// `message.archive_failed` with the reason; the state change is committed either way, since the
    /// message may have been delivered. Does nothing in memory, or when this attempt is already archived
    /// (an `unknown` message later resolved as delivered).
    func archive(_ db: Database, message: MessageRecord, at: Date) throws {
        guard let folder = stateFolder else { return }
        let attempt = String(message.attempts)
        let archived = try String.fetchAll(
            db, sql: "SELECT detail FROM journal WHERE message = ? AND kind = ?", arguments: [message.id, Self.archivedKind])
        if archived.contains(where: { JournalVerifier.logfmtFields($0)["attempt"] == attempt }) { return }

        let relative = MessageArchive.relativePath(
            storeID: message.id, messageID: message.messageID, attempt: message.attempts, at: at)
        do {
            try MessageArchive(stateFolder: folder).write(message.bytes, relativePath: relative)
        } catch {
            try JournalWriter(db).append(
                kind: Self.archiveFailedKind, at: at, message: message,
                detail: Logfmt.pairs([
                    "reason": "\(error)", "path": relative, "message_id": message.messageID, "attempt": attempt,
                ]))
            return
        }
        try JournalWriter(db).append(
            kind: Self.archivedKind, at: at, message: message,
            detail: Logfmt.pairs([
                "sha256": SHA256Hex.digest(message.bytes), "path": relative, "bytes": String(message.bytes.count),
                "message_id": message.messageID, "attempt": attempt,
            ]))
    }
}

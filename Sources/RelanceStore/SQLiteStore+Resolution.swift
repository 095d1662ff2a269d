import Foundation
import GRDB
import RelanceCore

extension SQLiteStore {
    /// The operator's verdict on an `unknown` message, after checking the mail server's log for its
    /// Message-ID: delivered → `sent`; not delivered → `deferred`, due now, so the next cycle sends it, its
    /// `smtp.max_deferred_hours` counted from its next refusal if any (a resend asked for, not a retry).
    /// Journaled `message.resolved` with the operator's note and who resolved it (`by=`), and archived
    /// when delivered, if it was not yet. Refused for any other state.
    public func resolveUnknown(messageID: Int64, delivered: Bool, note: String, by actor: String, at: Date) throws {
        try writer.write { db in
            let message = try Self.requireMessage(db, id: messageID, in: .unknown, toAllow: "resolve")
            let now = StoreCodec.millis(at)
            try db.execute(
                sql: """
                    UPDATE messages SET state = ?, updated_at = ?, next_attempt_at = ?, deferred_since = NULL
                    WHERE id = ?
                    """,
                arguments: [delivered ? "sent" : "deferred", now, delivered ? nil : now, messageID])
            try JournalWriter(db).append(
                kind: "message.resolved", at: at, message: message,
                detail: Logfmt.pairs([
                    "delivered": delivered ? "true" : "false", "note": note, "message_id": message.messageID, "by": actor,
                ]))
            // Archived when it became unknown; archived now if that failed.
            if delivered { try archive(db, message: message, at: at) }
        }
    }
}

extension SQLiteStore {
    /// A deferred message too old to retry becomes `failed`, journaled `message.expired` with the reason;
    /// the caller opens a task so a person takes over.
    public func expireDeferred(messageID: Int64, reason: String, at: Date) throws {
        try leaveDeferred(messageID, to: .failed, kind: "message.expired", action: "expire", at: at) { message in
            Logfmt.pairs(["reason": reason, "message_id": message.messageID])
        }
    }
}

import Foundation
import GRDB
import RelanceCore

/// Messages and their attempts: the state machine that guarantees a message is sent at most once.
///
/// `sending` is committed (and fsynced) before SMTP is spoken. Only `deferred` may go back to
/// `sending` (`beginRetry`), only `sending` may record an SMTP answer (`finishAttempt`), and a message
/// left in `sending` by a crash becomes `unknown` (`recoverInterruptedSends`), which nothing resends.
extension SQLiteStore {
    /// The reply recorded for an attempt that a crash interrupted.
    static let interruptedReply = "interrupted: relance stopped while the message was being sent"

    /// Every `sending` message becomes `unknown` (its open attempt is closed as interrupted), is
    /// journaled `message.unknown` and archived; no other state is touched. Returns them, oldest first.
    public func recoverInterruptedSends(at: Date) throws -> [MessageRecord] {
        try writer.write { db in
            let interrupted = try Row.fetchAll(
                db, sql: "SELECT \(StoreCodec.messageColumns) FROM messages WHERE state = 'sending' ORDER BY id")
            let now = StoreCodec.millis(at)
            var recovered: [MessageRecord] = []
            for row in interrupted {
                let message = try StoreCodec.messageRecord(row)
                try db.execute(
                    sql: """
                        UPDATE messages SET state = 'unknown', updated_at = ?, next_attempt_at = NULL,
                            last_code = NULL, last_reply = ?
                        WHERE id = ?
                        """,
                    arguments: [now, Self.interruptedReply, message.id])
                try Self.closeAttempt(db, message: message, at: now, outcome: .unknown, code: nil, reply: Self.interruptedReply)
                try JournalWriter(db).append(
                    kind: "message.unknown", at: at, message: message,
                    detail: Logfmt.pairs([
                        "attempt": String(message.attempts), "reply": Self.interruptedReply,
                        "message_id": message.messageID,
                    ]))
                try archive(db, message: message, at: at)
                recovered.append(try Self.requireMessage(db, id: message.id))
            }
            return recovered
        }
    }

    /// One transaction: the message in `sending` with attempt 1 opened, its advances (refused with
    /// `StoreError.staleAdvance` if one does not move its invoice forward), `step.skipped` events and
    /// `message.sending`, linked to every listed invoice. Refuses a Message-ID already stored.
    public func beginMessage(_ draft: MessageDraft, at: Date) throws -> Int64 {
        try writer.write { db in
            try Self.requireUnchanged(db, client: draft.clientID, invoices: draft.invoices, since: draft.plannedAt)
            return try Self.insertSending(db, draft, at: at)
        }
    }

    /// Only from `deferred` (anything else throws `StoreError.invalidTransition`): back to `sending`,
    /// attempt + 1 opened, bytes replaced when given, journaled `message.retry`. With a `mark`, refused
    /// (`StoreError.changedSincePlanning`) when a hold, payment or write-off for the message's client or
    /// one of its invoices was recorded after it.
    public func beginRetry(messageID: Int64, bytes: [UInt8]?, plannedAt mark: JournalMark?, at: Date) throws {
        try beginRetry(messageID: messageID, bytes: bytes, plannedAt: mark, listing: nil, at: at)
    }

    public func beginRetry(messageID: Int64, bytes: [UInt8]?, plannedAt mark: JournalMark?, listing: [String], at: Date) throws {
        try beginRetry(messageID: messageID, bytes: bytes, plannedAt: mark, listing: Optional(listing), at: at)
    }

    private func beginRetry(messageID: Int64, bytes: [UInt8]?, plannedAt mark: JournalMark?, listing: [String]?, at: Date) throws {
        try writer.write { db in
            let message = try Self.requireMessage(db, id: messageID, in: .deferred, toAllow: "retry")
            try Self.requireUnchanged(db, client: message.clientID, invoices: message.invoices, since: mark)
            let dropped = listing.map { kept in message.invoices.filter { !kept.contains($0) } } ?? []
            if let listing, !dropped.isEmpty {
                try db.execute(
                    sql: "UPDATE messages SET invoices = ? WHERE id = ?", arguments: [try StoreCodec.json(listing), messageID])
                try Self.restoreProgress(
                    db, of: message, invoices: dropped, at: at, reason: "left out of the message's retry before it was delivered")
                // A formal notice's registered letter about an invoice its email no longer names must not go.
                try Self.skipTasksOpenedWith(
                    db, message, invoices: dropped, reason: "its invoice was left out of the message's retry", at: at)
            }
            let now = StoreCodec.millis(at)
            let attempt = message.attempts + 1
            try db.execute(
                sql: """
                    UPDATE messages SET state = 'sending', attempts = ?, updated_at = ?, next_attempt_at = NULL,
                        bytes = coalesce(?, bytes)
                    WHERE id = ?
                    """,
                arguments: [attempt, now, bytes.map { Data($0) }, messageID])
            try db.execute(
                sql: "INSERT INTO attempts (message, number, started_at) VALUES (?, ?, ?)",
                arguments: [messageID, attempt, now])
            try JournalWriter(db).append(
                kind: "message.retry", at: at, message: message,
                detail: Logfmt.pairs([
                    "attempt": String(attempt), "rerendered": bytes == nil ? "false" : "true",
                    "left_out": dropped.isEmpty ? nil : dropped.joined(separator: ","),
                ]))
        }
    }

    /// Only from `sending`: the new state, code and reply, the retry time (deferred only; `at` when
    /// nil), the attempt closed, and `message.<state>` journaled with `attempt= code= reply=
    /// [next_attempt=] message_id=`. A `sent` or `unknown` message is also archived (`archive(_:message:at:)`).
    public func finishAttempt(messageID: Int64, outcome: DeliveryOutcome, nextAttemptAt: Date?, at: Date) throws {
        try finishAttempts([FinishedAttempt(messageID: messageID, outcome: outcome, nextAttemptAt: nextAttemptAt, at: at)])
    }

    /// Only from `deferred`: `cancelled`, journaled `message.cancelled` with the reason. The message was
    /// never delivered, so the steps its commit recorded are given back (`restoreProgress`).
    public func cancelMessage(messageID: Int64, reason: String, at: Date) throws {
        try leaveDeferred(
            messageID, to: .cancelled, kind: "message.cancelled", action: "cancel", at: at,
            detail: { _ in Logfmt.pairs(["reason": reason]) },
            then: { db, message in
                try Self.restoreProgress(db, of: message, at: at, reason: "message cancelled before it was delivered")
                try Self.skipTasksOpenedWith(db, message, reason: "its message was cancelled before it was delivered", at: at)
            })
    }

    /// Skips the tasks still open that `message`'s commit opened (a formal notice's registered letter):
    /// those of its client, step and invoices (or only `invoices`) created with it. Journaled
    /// `task.skipped` with the reason.
    static func skipTasksOpenedWith(
        _ db: Database, _ message: MessageRecord, invoices: [String]? = nil, reason: String, at: Date
    ) throws {
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT id, invoice FROM tasks WHERE state = 'open' AND client_id = ? AND step = ? AND created_at = ?",
            arguments: [message.clientID, message.stepName, StoreCodec.millis(message.createdAt)])
        for row in rows where (invoices ?? message.invoices).contains(row["invoice"] as String) {
            let id: Int64 = row["id"]
            try db.execute(
                sql: "UPDATE tasks SET state = 'skipped', outcome = ?, closed_at = ? WHERE id = ?",
                arguments: [reason, StoreCodec.millis(at), id])
            try JournalWriter(db).append(
                kind: "task.skipped", at: at, clientID: message.clientID, invoice: row["invoice"], message: message.id,
                detail: Logfmt.pairs(["task": String(id), "step": message.stepName, "reason": reason, "by": "relance"]))
        }
    }

    /// Moves a `deferred` message (only) to a final state with its journal event, then does `then`, in
    /// one transaction.
    func leaveDeferred(
        _ messageID: Int64, to state: MessageState, kind: String, action: String, at: Date,
        detail: (MessageRecord) -> String, then: (Database, MessageRecord) throws -> Void = { _, _ in }
    ) throws {
        try writer.write { db in
            let message = try Self.requireMessage(db, id: messageID, in: .deferred, toAllow: action)
            try db.execute(
                sql: "UPDATE messages SET state = ?, updated_at = ?, next_attempt_at = NULL WHERE id = ?",
                arguments: [state.rawValue, StoreCodec.millis(at), messageID])
            try JournalWriter(db).append(kind: kind, at: at, message: message, detail: detail(message))
            try then(db, message)
        }
    }

    /// Deferred messages due at `at`, oldest message first.
    public func dueRetries(at: Date) throws -> [MessageRecord] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(StoreCodec.messageColumns) FROM messages
                    WHERE state = 'deferred' AND next_attempt_at <= ?
                    ORDER BY id
                    """,
                arguments: [StoreCodec.millis(at)]
            ).map(StoreCodec.messageRecord)
        }
    }

    /// Messages, newest first (by id); all states when `states` is nil, none when it is empty.
    public func messages(states: Set<MessageState>?) throws -> [MessageRecord] {
        try messages(client: nil, states: states)
    }

    /// Messages of one client (all clients when nil), newest first; all states when `states` is nil.
    public func messages(client: ClientID?, states: Set<MessageState>?) throws -> [MessageRecord] {
        if let states, states.isEmpty { return [] }
        return try writer.read { db in
            var conditions: [String] = []
            var values: [String] = []
            if let states {
                let names = states.map(\.rawValue).sorted()
                conditions.append("state IN (" + names.map { _ in "?" }.joined(separator: ", ") + ")")
                values += names
            }
            if let client {
                conditions.append("client_id = ?")
                values.append(client)
            }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(
                db, sql: "SELECT \(StoreCodec.messageColumns) FROM messages\(filter) ORDER BY id DESC",
                arguments: StatementArguments(values)
            ).map(StoreCodec.messageRecord)
        }
    }

    /// How many messages are in each state, without reading any message.
    public func messageCounts() throws -> [MessageState: Int] {
        try writer.read { db in
            var counts: [MessageState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM messages GROUP BY state") {
                if let state = MessageState(rawValue: row["state"]) { counts[state] = row["n"] }
            }
            return counts
        }
    }

    /// When each deferred message is next due, by client, without reading the messages' bytes.
    public func deferredSchedule() throws -> [(clientID: ClientID, nextAttemptAt: Date?)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT client_id, next_attempt_at FROM messages WHERE state = 'deferred'").map {
                (clientID: $0["client_id"], nextAttemptAt: StoreCodec.date(millis: $0["next_attempt_at"] as Int64?))
            }
        }
    }

    /// One message by id, or nil.
    public func message(id: Int64) throws -> MessageRecord? {
        try writer.read { db in try Self.fetchMessage(db, id: id) }
    }

    // MARK: - Internals

    private static let fetchMessageSQL = "SELECT \(StoreCodec.messageColumns) FROM messages WHERE id = ?"

    /// The same row with empty `bytes`, for a transaction that does not use them.
    private static let fetchMessageWithoutBytesSQL = "SELECT \(StoreCodec.messageColumnsWithEmptyBytes) FROM messages WHERE id = ?"

    /// The message by id; with `withBytes: false` its `bytes` are left empty (not read).
    static func fetchMessage(_ db: Database, id: Int64, withBytes: Bool = true) throws -> MessageRecord? {
        // Cached: it runs for every answer of a group commit (preparing it again cost more than running it).
        try Row.fetchOne(
            try db.cachedStatement(sql: withBytes ? fetchMessageSQL : fetchMessageWithoutBytesSQL), arguments: [id]
        ).map(StoreCodec.messageRecord)
    }

    /// The message, which must exist and, when `required` is given, be in that state.
    static func requireMessage(
        _ db: Database, id: Int64, in required: MessageState? = nil, toAllow action: String = "", withBytes: Bool = true
    ) throws -> MessageRecord {
        guard let message = try fetchMessage(db, id: id, withBytes: withBytes) else { throw StoreError.unknownMessage(id: id) }
        if let required, message.state != required {
            throw StoreError.invalidTransition(messageID: id, state: message.state, required: required, action: action)
        }
        return message
    }

    /// Closes the attempt in flight (number `message.attempts`).
    static func closeAttempt(
        _ db: Database, message: MessageRecord, at: Int64, outcome: MessageState, code: Int?, reply: String
    ) throws {
        try db.cachedStatement(
            sql: """
                UPDATE attempts SET finished_at = ?, outcome = ?, code = ?, reply = ?
                WHERE message = ? AND number = ?
                """).execute(
            arguments: [at, outcome.rawValue, code, reply, message.id, message.attempts])
    }
}

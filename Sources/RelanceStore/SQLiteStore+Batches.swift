import Foundation
import GRDB
import RelanceCore

/// Group commits of the message state machine: many messages begin (`sending`) in one transaction,
/// many answers are recorded in one transaction. Each commit is still fsynced (`synchronous=FULL`)
/// before the method returns, so the guarantees of `beginMessage` and `finishAttempt` hold for each
/// message of a batch: its `sending` state is durable before SMTP is spoken for it, its outcome after
/// the server answered. What a batch changes is only how many messages share one fsync.
extension SQLiteStore {
    /// The message columns of `beginMessages`' insert, prepared once per transaction.
    private static let insertMessageSQL = """
        INSERT INTO messages (client_id, step, template, invoices, state, message_id, subject, recipients,
            attempts, created_at, updated_at, bytes)
        VALUES (?, ?, ?, ?, 'sending', ?, ?, ?, 1, ?, ?, ?)
        """

    /// `beginMessage` for each draft, in order, all in one transaction. A draft refused on its own
    /// (`StoreError.staleAdvance`, `StoreError.duplicateMessageID`, `StoreError.changedSincePlanning`) is
    /// rolled back alone (a savepoint) and reported as a failure in its slot; the others are committed.
    /// Any other error rolls back all.
    public func beginMessages(_ drafts: [MessageDraft], at: Date) throws -> [Result<Int64, StoreError>] {
        guard !drafts.isEmpty else { return [] }
        return try writer.write { db in
            var results: [Result<Int64, StoreError>] = []
            results.reserveCapacity(drafts.count)
            // What people recorded since the oldest mark of the group (one indexed read; usually nothing).
            let stops = try drafts.compactMap(\.plannedAt).min().map { try Self.stoppingEvents(db, after: $0) } ?? []
            // One journal writer for the transaction: it knows the head it left, instead of reading it back
            // for each entry of each message. After a refused draft, whose savepoint took back what it
            // journaled, the head the writer knew is gone: its next insert is refused by the chain's trigger
            // and it reads the head again (`JournalWriter.append`).
            let journal = try JournalWriter(db)
            for draft in drafts {
                if let refusal = Self.refusal(
                    of: draft.clientID, invoices: draft.invoices, plannedAt: draft.plannedAt, among: stops)
                {
                    results.append(.failure(refusal))
                    continue
                }
                var id: Int64 = 0
                do {
                    try db.inSavepoint {
                        id = try Self.insertSending(db, draft, at: at, journal: journal)
                        return .commit
                    }
                    results.append(.success(id))
                } catch let error as StoreError {
                    switch error {
                    case .staleAdvance, .duplicateMessageID: results.append(.failure(error))
                    default: throw error
                    }
                }
            }
            return results
        }
    }

    /// `finishAttempt` for each answer, in order, all in one transaction. The `.eml` files of the sent
    /// and unknown messages are written first, together (`MessageArchive.writeAll`), durably before
    /// the commit that journals them, and outside the write transaction: their fsyncs do not hold the
    /// store's one writer, so the next group of messages can be committed as `sending` meanwhile. Every
    /// message must be in `sending`, else nothing is recorded (`StoreError.invalidTransition`); an
    /// archive file written for a message that then fails that check stays as an unjournaled file, as
    /// after a crash between the write and the commit.
    public func finishAttempts(_ answers: [FinishedAttempt]) throws {
        guard !answers.isEmpty else { return }
        let archived = try archiveEvidence(of: answers)
        try writer.write { db in
            var messages: [MessageRecord] = []
            messages.reserveCapacity(answers.count)
            for answer in answers {
                // Without its bytes: they were read and archived before the transaction.
                messages.append(try Self.requireMessage(
                    db, id: answer.messageID, in: .sending, toAllow: "record the outcome of an attempt", withBytes: false))
            }
            let journal = try JournalWriter(db)
            for (index, answer) in answers.enumerated() {
                try Self.recordAnswer(
                    db, answer, message: messages[index], archived: archived[index], journal: journal)
            }
        }
    }

    /// An archived `.eml`: its path, the reason it could not be written if any, else the SHA-256 and
    /// size of its bytes.
    private typealias ArchivedFile = (path: String, error: MessageArchive.WriteError?, sha256: String, size: Int)

    /// Writes the `.eml` files of the answers that make their message `sent` or `unknown` (the exact
    /// bytes are evidence): the answer's own bytes when it holds them, else read from a reader
    /// connection with the Message-ID and attempt number the path needs; returns them by answer index.
    /// A message in `sending` has a fresh attempt number (beginRetry adds one), so its attempt cannot
    /// have been archived already.
    private func archiveEvidence(of answers: [FinishedAttempt]) throws -> [Int: ArchivedFile] {
        guard let folder = stateFolder else { return [:] }
        let evidence = answers.indices.filter {
            let state = answers[$0].outcome.resultingState
            return state == .sent || state == .unknown
        }
        guard !evidence.isEmpty else { return [:] }
        let files: [(index: Int, file: MessageArchive.BatchFile)] = try writer.read { db in
            try evidence.compactMap { index in
                let answer = answers[index]
                let sql = answer.bytes == nil
                    ? "SELECT message_id, attempts, bytes FROM messages WHERE id = ? AND state = 'sending'"
                    : "SELECT message_id, attempts FROM messages WHERE id = ? AND state = 'sending'"
                guard let row = try Row.fetchOne(try db.cachedStatement(sql: sql), arguments: [answer.messageID])
                else { return nil }  // refused by the write transaction that follows
                let messageID: String = row[0]
                let attempts: Int = row[1]
                let bytes = answer.bytes ?? [UInt8](row[2] as Data)
                return (index, MessageArchive.BatchFile(
                    bytes: bytes,
                    relativePath: MessageArchive.relativePath(
                        storeID: answer.messageID, messageID: messageID, attempt: attempts, at: answer.at)))
            }
        }
        let errors = MessageArchive(stateFolder: folder).writeAll(files.map(\.file))
        var archived: [Int: ArchivedFile] = [:]
        for (slot, entry) in files.enumerated() {
            let digest = errors[slot] == nil ? SHA256Hex.digest(entry.file.bytes) : ""
            archived[entry.index] = (entry.file.relativePath, errors[slot], digest, entry.file.bytes.count)
        }
        return archived
    }

    // MARK: - Internals

    /// Inserts one draft in `sending` with attempt 1, its advances and `message.sending`; returns its id.
    /// `journal` is the transaction's journal writer when it has one.
    static func insertSending(
        _ db: Database, _ draft: MessageDraft, at: Date, journal: JournalWriter? = nil
    ) throws -> Int64 {
        if let existing = try Int64.fetchOne(
            try db.cachedStatement(sql: "SELECT id FROM messages WHERE message_id = ?"), arguments: [draft.messageID])
        {
            throw StoreError.duplicateMessageID(draft.messageID, existingID: existing)
        }
        let now = StoreCodec.millis(at)
        try db.cachedStatement(sql: insertMessageSQL).execute(arguments: [
            draft.clientID, draft.stepName, draft.template, try StoreCodec.json(draft.invoices),
            draft.messageID, draft.subject, try StoreCodec.json(draft.recipients), now, now, Data(draft.bytes),
        ])
        let id = db.lastInsertedRowID
        try db.cachedStatement(sql: "INSERT INTO attempts (message, number, started_at) VALUES (?, 1, ?)")
            .execute(arguments: [id, now])
        let journal = try journal ?? JournalWriter(db)
        for advance in draft.advances {
            try recordProgress(db, advance, at: at, message: id, journal: journal)
        }
        try journal.append(
            kind: "message.sending", at: at, clientID: draft.clientID, invoice: nil, message: id,
            detail: Logfmt.pairs([
                "step": draft.stepName, "template": draft.template,
                "invoices": draft.invoices.joined(separator: ","), "to": draft.recipients.joined(separator: ","),
                "message_id": draft.messageID, "attempt": "1",
            ]),
            linkedInvoices: draft.invoices)
        try openTasks(db, draft.tasks, at: at)
        return id
    }

    /// The new state, code and reply, the closed attempt, `message.<state>`, and for sent or unknown
    /// messages `message.archived` (or `message.archive_failed`) for the file already written.
    private static func recordAnswer(
        _ db: Database, _ answer: FinishedAttempt, message: MessageRecord,
        archived: ArchivedFile?, journal: JournalWriter
    ) throws {
        let outcome = answer.outcome
        let state = outcome.resultingState
        let now = StoreCodec.millis(answer.at)
        // A deferred message without a retry time would block its client forever: retry at once.
        let next: Date? = state == .deferred ? (answer.nextAttemptAt ?? answer.at) : nil
        // A refusal starts a run of refusals unless one is under way; any other answer ends it.
        try db.cachedStatement(
            sql: """
                UPDATE messages SET state = ?1, updated_at = ?2, next_attempt_at = ?3, last_code = ?4, last_reply = ?5,
                    deferred_since = CASE WHEN ?1 = 'deferred' THEN COALESCE(deferred_since, ?2) END
                WHERE id = ?6
                """
        ).execute(arguments: [state.rawValue, now, next.map(StoreCodec.millis), outcome.code, outcome.reply, message.id])
        try closeAttempt(db, message: message, at: now, outcome: state, code: outcome.code, reply: outcome.reply)
        try journal.append(
            kind: "message." + state.rawValue, at: answer.at, message: message,
            detail: Logfmt.pairs([
                "attempt": String(message.attempts), "code": outcome.code.map(String.init), "reply": outcome.reply,
                "next_attempt": next?.formatted(.iso8601), "message_id": message.messageID,
                "refused": answer.refused.isEmpty ? nil : answer.refused.joined(separator: ","),
            ]))
        guard let archived else { return }
        let attempt = String(message.attempts)
        if let error = archived.error {
            try journal.append(
                kind: archiveFailedKind, at: answer.at, message: message,
                detail: Logfmt.pairs([
                    "reason": "\(error)", "path": archived.path, "message_id": message.messageID, "attempt": attempt,
                ]))
        } else {
            try journal.append(
                kind: archivedKind, at: answer.at, message: message,
                detail: Logfmt.pairs([
                    "sha256": archived.sha256, "path": archived.path,
                    "bytes": String(archived.size), "message_id": message.messageID, "attempt": attempt,
                ]))
        }
    }
}

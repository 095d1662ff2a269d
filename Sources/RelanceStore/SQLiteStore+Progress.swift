import Foundation
import GRDB
import RelanceCore

/// Step progress, the planner's view of the past, tasks and cycles.
extension SQLiteStore {
    /// The highest step per invoice, and per client the start of the last attempt of its non-cancelled
    /// messages and whether a message is `sending` or `deferred` (an `unknown` one does not block the client).
    public func plannerState() throws -> PlannerState {
        try plannerState(cancelling: [], trimming: [:])
    }

    /// `plannerState()` as it will be once the deferred messages `cancelling` are cancelled (what
    /// `relance preview` shows, the cycle cancelling them before it plans): their steps given back
    /// (`restoreProgress`), with the invoices whose next rung after a hold they had taken in
    /// `resumeAtNext`, and they neither block their client nor count as its last contact; and once the
    /// retries `trimming` will make (message id → the invoices it will leave out) have given those
    /// invoices back the steps the message had recorded for them.
    public func plannerState(cancelling: Set<Int64>, trimming: [Int64: Set<String>]) throws -> PlannerState {
        // Usually none (always in the cycle): then no list to look up, for a million progress rows.
        let gone = cancelling.isEmpty ? "0" : "id IN (SELECT value FROM json_each(?))"
        let arguments: StatementArguments =
            cancelling.isEmpty ? [] : [String(decoding: try JSONEncoder().encode(cancelling.sorted()), as: UTF8.self)]
        let changing = !cancelling.isEmpty || !trimming.isEmpty
        return try writer.read { db in
            var reached: [String: ReachedStep] = [:]
            var resumed: Set<String> = []
            // The cycle gives nothing back: it reads only what the planner needs (a million rows, every cycle).
            let progress = try Row.fetchCursor(
                db,
                sql: changing
                    ? """
                    SELECT invoice, step, offset_days, at, message, previous_step, previous_offset, previous_at, previous_resume
                    FROM progress
                    """
                    : "SELECT invoice, step, offset_days, at FROM progress")
            while let row = try progress.next() {
                let invoice: String = row[0]
                // The step a message to be cancelled, or a retry that leaves this invoice out, had recorded is
                // given back (`restoreProgress`): the one it replaced, if any.
                if changing, let message = row[4] as Int64?,
                    cancelling.contains(message) || trimming[message]?.contains(invoice) == true
                {
                    if let previous = row[5] as String? {
                        reached[invoice] = StoreCodec.reachedStep(step: previous, offsetDays: row[6], at: row[7])
                    }
                    if row[8] as Bool { resumed.insert(invoice) }
                    continue
                }
                reached[invoice] = StoreCodec.reachedStep(step: row[1], offsetDays: row[2], at: row[3])
            }
            // `unknown` messages do not block their client: their invoices already advanced, so they are
            // not resent, and the operator sees them. Only a send in flight or a pending retry blocks.
            // The last contact is the last attempt of a message, not its creation: a reminder deferred
            // on Friday and delivered on Tuesday by a retry counts from Tuesday for `min_gap_days`.
            var clients: [ClientID: ClientContact] = [:]
            let contacts = try Row.fetchCursor(
                db,
                sql: """
                    SELECT client_id,
                           max(CASE WHEN state <> 'cancelled' AND NOT gone THEN coalesce(
                               (SELECT max(started_at) FROM attempts WHERE message = id), created_at) END),
                           max(state IN ('sending', 'deferred') AND NOT gone)
                    FROM (SELECT client_id, id, state, created_at, \(gone) AS gone FROM messages)
                    GROUP BY client_id
                    """,
                arguments: arguments)
            while let row = try contacts.next() {
                let pending: Int = row[2]
                clients[row[0]] = ClientContact(
                    lastMessageAt: StoreCodec.date(millis: row[1] as Int64?), hasPendingMessage: pending != 0)
            }
            return PlannerState(reached: reached, clients: clients, resumeAtNext: resumed)
        }
    }

    /// The highest step reached by each of `invoices` that reached one (a deferred message's, at its retry).
    public func reachedSteps(of invoices: [String]) throws -> [String: ReachedStep] {
        try writer.read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT step, offset_days, at FROM progress WHERE invoice = ?")
            var reached: [String: ReachedStep] = [:]
            for invoice in invoices {
                guard let row = try Row.fetchOne(statement, arguments: [invoice]) else { continue }
                reached[invoice] = StoreCodec.reachedStep(step: row[0], offsetDays: row[1], at: row[2])
            }
            return reached
        }
    }

    /// One transaction: each advance moves its invoice's progress forward (or the whole call is refused
    /// with `StoreError.staleAdvance`), journaled `step.skipped`… then `step.reached`; each task is opened
    /// and journaled `task.opened`.
    public func recordAdvances(_ advances: [StepAdvance], tasks: [NewTask], at: Date) throws {
        try writer.write { db in
            for advance in advances {
                try Self.recordProgress(db, advance, at: at, message: nil)
                try JournalWriter(db).append(
                    kind: "step.reached", at: at, clientID: advance.clientID, invoice: advance.invoice, message: nil,
                    detail: Logfmt.pairs([
                        "step": advance.stepName, "offset_days": String(advance.offsetDays),
                        "action": advance.action.rawValue,
                    ]))
            }
            try Self.openTasks(db, tasks, at: at)
        }
    }

    /// Opens each task, journaled `task.opened`, in the caller's transaction.
    static func openTasks(_ db: Database, _ tasks: [NewTask], at: Date) throws {
        guard !tasks.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO tasks (client_id, invoice, step, action, summary, state, created_at, gate, still_due)
                VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?)
                """)
        for task in tasks {
            try insert.execute(arguments: [
                task.clientID, task.invoice, task.stepName, task.action.rawValue, task.summary,
                StoreCodec.millis(at), task.gate, task.stillDue?.minorUnits,
            ])
            try JournalWriter(db).append(
                kind: "task.opened", at: at, clientID: task.clientID, invoice: task.invoice, message: nil,
                detail: Logfmt.pairs([
                    "task": String(db.lastInsertedRowID), "step": task.stepName, "action": task.action.rawValue,
                    "summary": task.summary,
                ]))
        }
    }

    /// The id of the newest task (0 when there is none): tasks opened since are those with a larger id.
    public func lastTaskID() throws -> Int64 {
        try writer.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM tasks") ?? 0 }
    }

    /// Tasks, oldest first; only `open` ones when `openOnly`.
    public func tasks(openOnly: Bool) throws -> [TaskRecord] {
        try writer.read { db in
            let filter = openOnly ? " WHERE state = 'open'" : ""
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT id, client_id, invoice, step, action, summary, state, created_at, still_due FROM tasks\(filter)
                    ORDER BY id
                    """
            ).map { row in
                let actionText: String = row["action"]
                let stateText: String = row["state"]
                guard let action = StepAction(rawValue: actionText) else {
                    throw StoreError.corrupt("unknown task action \"\(actionText)\"")
                }
                guard let state = TaskState(rawValue: stateText) else {
                    throw StoreError.corrupt("unknown task state \"\(stateText)\"")
                }
                return TaskRecord(
                    id: row["id"], clientID: row["client_id"], invoice: row["invoice"], stepName: row["step"],
                    action: action, summary: row["summary"], state: state,
                    createdAt: StoreCodec.date(millis: row["created_at"] as Int64), stillDueMinor: row["still_due"])
            }
        }
    }

    /// Stores a finished cycle's summary.
    public func recordCycle(_ cycle: CycleRecord) throws {
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO cycles (started_at, finished_at, planned, sent, deferred, failed, unknown, tasks, held_reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    StoreCodec.millis(cycle.startedAt), StoreCodec.millis(cycle.finishedAt), cycle.planned, cycle.sent,
                    cycle.deferred, cycle.failed, cycle.unknown, cycle.tasks, cycle.heldReason,
                ])
        }
    }

    /// The cycle recorded last, if any.
    public func lastCycle() throws -> CycleRecord? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM cycles ORDER BY id DESC LIMIT 1") else { return nil }
            var cycle = CycleRecord(
                startedAt: StoreCodec.date(millis: row["started_at"] as Int64),
                finishedAt: StoreCodec.date(millis: row["finished_at"] as Int64))
            cycle.planned = row["planned"]
            cycle.sent = row["sent"]
            cycle.deferred = row["deferred"]
            cycle.failed = row["failed"]
            cycle.unknown = row["unknown"]
            cycle.tasks = row["tasks"]
            cycle.heldReason = row["held_reason"]
            return cycle
        }
    }

    // MARK: - Internals

    /// Gives back the steps `message` recorded, for a message cancelled unsent (or, with `invoices`, for
    /// those of its invoices a retry leaves out): each of them whose
    /// progress that message set (and nothing moved since) goes back to the step it had before, or to none,
    /// and to taking its next rung if a hold's ending had said so; journaled `step.restored`
    /// (`step=` the step given back, `restored=` the one in force again, `none` if there was none).
    static func restoreProgress(
        _ db: Database, of message: MessageRecord, invoices: [String]? = nil, at: Date, reason: String
    ) throws {
        let select = try db.cachedStatement(
            sql: """
                SELECT step, previous_step, previous_offset, previous_at, previous_resume FROM progress
                WHERE invoice = ? AND message = ?
                """)
        for invoice in invoices ?? message.invoices {
            guard let row = try Row.fetchOne(select, arguments: [invoice, message.id]) else { continue }
            let step: String = row[0]
            let previous: String? = row[1]
            if let previous {
                try db.cachedStatement(
                    sql: """
                        UPDATE progress SET step = ?, offset_days = ?, at = ?, message = NULL, previous_step = NULL,
                            previous_offset = NULL, previous_at = NULL, previous_resume = 0
                        WHERE invoice = ?
                        """
                ).execute(arguments: [previous, row[2] as Int64, row[3] as Int64, invoice])
            } else {
                try db.cachedStatement(sql: "DELETE FROM progress WHERE invoice = ?").execute(arguments: [invoice])
            }
            if row[4] as Bool {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO resume_next (invoice) VALUES (?)")
                    .execute(arguments: [invoice])
            }
            try JournalWriter(db).append(
                kind: "step.restored", at: at, clientID: message.clientID, invoice: invoice, message: message.id,
                detail: Logfmt.pairs([
                    "step": step, "restored": previous ?? "none", "reason": reason,
                ]))
        }
    }

    /// Moves an invoice up its ladder and journals the steps it skipped.
    ///
    /// Progress never moves backwards or sideways: an advance whose offset is not greater than the one
    /// already reached means the caller planned from a stale view (another process planned the same
    /// step meanwhile), so the whole transaction is refused rather than sending or tasking twice.
    /// `journal` is the transaction's journal writer when it has one.
    static func recordProgress(
        _ db: Database, _ advance: StepAdvance, at: Date, message: Int64?, journal: JournalWriter? = nil
    ) throws {
        let current = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT step, offset_days FROM progress WHERE invoice = ?"),
            arguments: [advance.invoice])
        if let current {
            let reachedOffset: Int = current["offset_days"]
            guard advance.offsetDays > reachedOffset else {
                throw StoreError.staleAdvance(
                    invoice: advance.invoice, step: advance.stepName, offsetDays: advance.offsetDays,
                    reachedStep: current["step"], reachedOffsetDays: reachedOffset)
            }
        }
        // One rung climbed after a hold ended: the dates rule again.
        try db.cachedStatement(sql: "DELETE FROM resume_next WHERE invoice = ?").execute(arguments: [advance.invoice])
        let usedResume = db.changesCount > 0
        // The row replaced is kept beside the new one, with the message that moved it, so that a message
        // cancelled unsent gives its step back (`restoreProgress`). The right-hand sides of an UPSERT's SET
        // read the row as it was.
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO progress (invoice, step, offset_days, at, message, previous_resume) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (invoice) DO UPDATE
                    SET step = excluded.step, offset_days = excluded.offset_days, at = excluded.at,
                        message = excluded.message, previous_step = progress.step,
                        previous_offset = progress.offset_days, previous_at = progress.at,
                        previous_resume = excluded.previous_resume
                    WHERE excluded.offset_days > progress.offset_days
                """)
        try upsert.execute(arguments: [
            advance.invoice, advance.stepName, advance.offsetDays, StoreCodec.millis(at), message, usedResume,
        ])
        guard !advance.skipped.isEmpty else { return }
        let journal = try journal ?? JournalWriter(db)
        for skipped in advance.skipped {
            try journal.append(
                kind: "step.skipped", at: at, clientID: advance.clientID, invoice: advance.invoice, message: message,
                detail: Logfmt.pairs(["step": skipped, "reached": advance.stepName]))
        }
    }
}

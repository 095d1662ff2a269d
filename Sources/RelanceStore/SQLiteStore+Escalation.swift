import Foundation
import GRDB
import RelanceCore

/// Tasks done or skipped, approvals, undeliverable addresses: what people decide on the ladder.
/// Holds are in `SQLiteStore+Holds.swift`.
extension SQLiteStore {
    /// Closes an open task as `done` (with an outcome and a reference, e.g. a registered-letter number)
    /// or `skipped` (with the reason as outcome); journaled `task.done` / `task.skipped` with `by`.
    public func closeTask(id: Int64, skipped: Bool, outcome: String, reference: String?, by actor: String, at: Date) throws {
        try closeTask(id: id, skipped: skipped, outcome: outcome, reference: reference, received: nil, by: actor, at: at)
    }

    /// Closes an open task as `closeTask(id:skipped:outcome:reference:by:at:)` does, with the day the
    /// letter was received (a registered letter's acknowledgement), kept with the outcome and journaled
    /// as `received=YYYY-MM-DD`.
    public func closeTask(
        id: Int64, skipped: Bool, outcome: String, reference: String?, received: LocalDate?, by actor: String, at: Date
    ) throws {
        try writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT client_id, invoice, step, state FROM tasks WHERE id = ?", arguments: [id]) else {
                throw StoreError.corrupt("no task \(id)")
            }
            let state: String = row["state"]
            guard state == "open" else { throw StoreError.corrupt("task \(id) is \(state), not open") }
            try db.execute(
                sql: "UPDATE tasks SET state = ?, outcome = ?, reference = ?, received = ?, closed_at = ? WHERE id = ?",
                arguments: [skipped ? "skipped" : "done", outcome, reference, received?.description, StoreCodec.millis(at), id])
            try JournalWriter(db).append(
                kind: skipped ? "task.skipped" : "task.done", at: at, clientID: row["client_id"], invoice: row["invoice"],
                message: nil,
                detail: Logfmt.pairs([
                    "task": String(id), "step": row["step"], "outcome": outcome, "reference": reference,
                    "received": received?.description, "by": actor,
                ]))
        }
    }

    /// Closes every open task of invoices that are settled (`task.done outcome=paid by=ledger`), and
    /// withdraws their approvals, waiting or given (`approval.withdrawn reason=paid`): should one reopen
    /// (a payment reversed), its severe steps are asked for again, not applied on a stale approval.
    public func closeTasksOfSettled(_ invoices: [String], at: Date) throws -> Int {
        guard !invoices.isEmpty else { return 0 }
        let settled = Set(invoices)
        return try writer.write { db in
            for row in try Row.fetchAll(db, sql: "SELECT id, client_id, invoice, step, state FROM approvals") {
                let invoice: String = row["invoice"]
                guard settled.contains(invoice) else { continue }
                let id: Int64 = row["id"]
                try db.execute(sql: "DELETE FROM approvals WHERE id = ?", arguments: [id])
                try JournalWriter(db).append(
                    kind: "approval.withdrawn", at: at, clientID: row["client_id"], invoice: invoice, message: nil,
                    detail: Logfmt.pairs([
                        "approval": String(id), "step": row["step"], "was": row["state"], "reason": "paid", "by": "ledger",
                    ]))
            }
            var closed = 0
            // One read of the open tasks (few), not one query per settled invoice (many).
            for row in try Row.fetchAll(db, sql: "SELECT id, client_id, step, invoice FROM tasks WHERE state = 'open'") {
                let invoice: String = row["invoice"]
                guard settled.contains(invoice) else { continue }
                do {
                    let id: Int64 = row["id"]
                    try db.execute(
                        sql: "UPDATE tasks SET state = 'done', outcome = 'paid', closed_at = ? WHERE id = ?",
                        arguments: [StoreCodec.millis(at), id])
                    try JournalWriter(db).append(
                        kind: "task.done", at: at, clientID: row["client_id"], invoice: invoice, message: nil,
                        detail: Logfmt.pairs(["task": String(id), "step": row["step"], "outcome": "paid", "by": "ledger"]))
                    closed += 1
                }
            }
            return closed
        }
    }

    /// The latest day a registered formal notice was received, by invoice: the `--received` day of its
    /// formal-notice tasks done (one indexed read of the few such tasks, every cycle).
    public func formalNoticeReceipts() throws -> [String: LocalDate] {
        try writer.read { db in
            var out: [String: LocalDate] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT invoice, max(received) FROM tasks
                    WHERE action = 'formal-notice' AND state = 'done' AND received IS NOT NULL GROUP BY invoice
                    """)
            while let row = try rows.next() {
                if let day = (row[1] as String?).flatMap(LocalDate.init(iso:)) { out[row[0]] = day }
            }
            return out
        }
    }

    /// What people recorded when they closed tasks (outcome, reference, day of receipt), by task id.
    public func taskOutcomes() throws -> [Int64: TaskOutcome] {
        try writer.read { db in
            var out: [Int64: TaskOutcome] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, outcome, reference, received, closed_at FROM tasks WHERE closed_at IS NOT NULL") {
                out[row["id"]] = TaskOutcome(
                    outcome: row["outcome"], reference: row["reference"], received: (row["received"] as String?).flatMap(LocalDate.init(iso:)),
                    closedAt: StoreCodec.date(millis: row["closed_at"] as Int64))
            }
            return out
        }
    }

    /// Invoices whose gating task is still open.
    public func openGates() throws -> Set<String> {
        try writer.read { db in
            // Those of the invoice's present client: a task left open for the previous client of a reused
            // number does not hold the next one back.
            let sql = """
                SELECT DISTINCT t.invoice FROM tasks t
                JOIN invoices i ON i.number = t.invoice AND i.client_id = t.client_id
                WHERE t.state = 'open' AND t.gate = 1
                """
            return Set(try String.fetchAll(db, sql: sql))
        }
    }

    /// Records that a step waits for approval (once per invoice and step, and again for a new client of
    /// a reused invoice number: the earlier client's approval is replaced); journaled `approval.requested`.
    /// Returns true when the request is new.
    @discardableResult
    public func requestApproval(_ advance: StepAdvance, at: Date) throws -> Bool {
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO approvals (client_id, invoice, step, action, state, created_at)
                    VALUES (?1, ?2, ?3, ?4, 'waiting', ?5)
                    ON CONFLICT (invoice, step) DO UPDATE SET
                        client_id = ?1, action = ?4, state = 'waiting', created_at = ?5, approved_at = NULL
                    WHERE approvals.client_id <> ?1
                    """,
                arguments: [advance.clientID, advance.invoice, advance.stepName, advance.action.rawValue, StoreCodec.millis(at)])
            guard db.changesCount > 0 else { return false }
            let id =
                try Int64.fetchOne(
                    db, sql: "SELECT id FROM approvals WHERE invoice = ? AND step = ?",
                    arguments: [advance.invoice, advance.stepName]) ?? 0
            try JournalWriter(db).append(
                kind: "approval.requested", at: at, clientID: advance.clientID, invoice: advance.invoice, message: nil,
                detail: Logfmt.pairs([
                    "approval": String(id), "step": advance.stepName, "action": advance.action.rawValue,
                ]))
            return true
        }
    }

    /// Approves a waiting step; journaled `approval.granted` with `by`.
    public func approve(id: Int64, by actor: String, at: Date) throws {
        try writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT client_id, invoice, step, state FROM approvals WHERE id = ?", arguments: [id]) else {
                throw StoreError.corrupt("no approval \(id)")
            }
            let state: String = row["state"]
            guard state == "waiting" else { throw StoreError.corrupt("approval \(id) is already \(state)") }
            try db.execute(sql: "UPDATE approvals SET state = 'approved', approved_at = ? WHERE id = ?", arguments: [StoreCodec.millis(at), id])
            try JournalWriter(db).append(
                kind: "approval.granted", at: at, clientID: row["client_id"], invoice: row["invoice"], message: nil,
                detail: Logfmt.pairs(["approval": String(id), "step": row["step"], "by": actor]))
        }
    }

    /// Approvals, oldest first: `(id, client, invoice, step, action, waiting)`.
    public func approvals() throws -> [(id: Int64, clientID: ClientID, invoice: String, step: String, action: String, waiting: Bool)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, client_id, invoice, step, action, state FROM approvals ORDER BY id").map {
                (id: $0["id"], clientID: $0["client_id"], invoice: $0["invoice"], step: $0["step"], action: $0["action"],
                 waiting: ($0["state"] as String) == "waiting")
            }
        }
    }

    /// Approved steps as `invoice|step` keys for the planner: those given for the invoice's present client
    /// (an approval given for the previous client of a reused number does not count for the next one).
    public func approvedKeys() throws -> Set<String> {
        try writer.read { db in
            let sql = """
                SELECT a.invoice, a.step FROM approvals a
                JOIN invoices i ON i.number = a.invoice AND i.client_id = a.client_id
                WHERE a.state = 'approved'
                """
            return Set(try Row.fetchAll(db, sql: sql).map {
                PlannerState.approvalKey(invoice: $0["invoice"], step: $0["step"])
            })
        }
    }

    /// Marks addresses undeliverable after a permanent failure; journaled `address.undeliverable`.
    public func markUndeliverable(_ addresses: [String], clientID: ClientID, reason: String, at: Date) throws {
        try writer.write { db in
            for address in addresses {
                try db.execute(
                    sql: "INSERT INTO undeliverable (address, client_id, reason, at) VALUES (?, ?, ?, ?) ON CONFLICT (address) DO UPDATE SET reason = excluded.reason, at = excluded.at",
                    arguments: [address, clientID, reason, StoreCodec.millis(at)])
                try JournalWriter(db).append(
                    kind: "address.undeliverable", at: at, clientID: clientID, invoice: nil, message: nil,
                    detail: Logfmt.pairs(["address": address, "reason": reason]))
            }
        }
    }

    /// Addresses known to be undeliverable, with their client.
    public func undeliverableAddresses() throws -> [String: ClientID] {
        try writer.read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT address, client_id FROM undeliverable").map { ($0["address"], $0["client_id"]) },
                uniquingKeysWith: { a, _ in a })
        }
    }
}

extension SQLiteStore {
    /// When the journal last recorded an event of `kind`, if ever.
    public func lastEvent(kind: String) throws -> Date? {
        try writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT at FROM journal WHERE kind = ? ORDER BY id DESC LIMIT 1", arguments: [kind])
                .map { StoreCodec.date(millis: $0) }
        }
    }
}

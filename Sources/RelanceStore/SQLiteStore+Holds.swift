import Foundation
import GRDB
import RelanceCore

/// Holds on the ladder: promises, payment plans, disputes, pauses.
extension SQLiteStore {
    /// Records a hold; journaled `hold.added` with `by`. Returns its id. The entry's `amount` is what the hold
    /// is about: a promise's promised amount, a plan's total of instalments; `paid_at_start` is what the
    /// invoices were seen as paid when it was agreed (the baseline the payments since are counted from).
    @discardableResult
    public func addHold(scope: HoldScope, kind: HoldKind, by actor: String, at: Date) throws -> Int64 {
        try writer.write { db in
            let (scopeName, target, client, invoice): (String, String, ClientID?, String?) =
                switch scope {
                case .invoice(let number): ("invoice", number, try String.fetchOne(db, sql: "SELECT client_id FROM invoices WHERE number = ?", arguments: [number]), number)
                case .client(let id): ("client", id, id, nil)
                }
            var amount: Int64?
            var currency: String?
            var until: LocalDate
            var grace = 0
            var reason = ""
            var instalments: String?
            var paidAtStart: Int64?
            var journaledAmount: Money?
            var paidAtStartText: String?
            switch kind {
            case .promise(let money, let date, let g, let baseline):
                (amount, currency, until, grace) = (money.minorUnits, money.currency.code, date, g)
                paidAtStart = baseline?.minorUnits
                journaledAmount = money
                paidAtStartText = baseline?.plainText
            case .dispute(let r, let review):
                (until, reason) = (review, r)
            case .pause(let u, let r):
                (until, reason) = (u, r)
            case .plan(let list, let g, let paidAtStart):
                (amount, currency, until, grace) = (paidAtStart.minorUnits, paidAtStart.currency.code, list.map(\.date).max() ?? LocalDate(daysSinceEpoch: 0), g)
                instalments = list.map { "\($0.date)=\($0.amount.plainText)" }.joined(separator: ";")
                // The plan's `amount` column holds its baseline; the journal names both for what they are.
                journaledAmount = Money(
                    minorUnits: list.reduce(Int64(0)) { $0 + $1.amount.minorUnits }, currency: paidAtStart.currency)
                paidAtStartText = paidAtStart.plainText
            }
            try db.execute(
                sql: """
                    INSERT INTO holds (scope, target, kind, amount_minor, currency, until, grace_days, reason, instalments,
                        paid_at_start_minor, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    scopeName, target, kind.name, amount, currency, until.description, grace, reason, instalments,
                    paidAtStart, StoreCodec.millis(at),
                ])
            let id = db.lastInsertedRowID
            try JournalWriter(db).append(
                kind: "hold.added", at: at, clientID: client, invoice: invoice, message: nil,
                detail: Logfmt.pairs([
                    "hold": String(id), "kind": kind.name, "until": until.description, "grace_days": String(grace),
                    "amount": journaledAmount?.plainText, "paid_at_start": paidAtStartText,
                    "reason": reason.isEmpty ? nil : reason, "instalments": instalments, "by": actor,
                ]))
            return id
        }
    }

    /// Holds that have not ended.
    public func standingHolds() throws -> [Hold] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM holds WHERE ended_at IS NULL ORDER BY id").compactMap(Self.hold)
        }
    }

    /// The holds recorded before `end` and not ended by then, oldest first: those standing at the end of a
    /// past day, for a claim as of that day (a hold recorded later did not stop anything then).
    public func holds(standingBefore end: Date) throws -> [Hold] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM holds WHERE created_at < ?1 AND (ended_at IS NULL OR ended_at >= ?1) ORDER BY id",
                arguments: [StoreCodec.millis(end)]
            ).compactMap(Self.hold)
        }
    }

    /// Ends a hold. When the ending needs a person, a task opens and the covered open invoices resume at
    /// their next rung. Journaled `hold.ended` with the ending and `by`. The deferred messages it covered
    /// start a new run of refusals (`deferred_since` cleared).
    public func endHold(_ hold: Hold, ending: HoldEnding, openInvoices: [Invoice], by actor: String, at: Date) throws {
        try endHold(hold, ending: ending, missed: nil, openInvoices: openInvoices, by: actor, at: at)
    }

    /// Ends a hold as `endHold(_:ending:openInvoices:by:at:)` does; a plan's missed instalment is journaled
    /// first (`plan.instalment.missed` with its date and amount) and named in the task, in the same transaction;
    /// a broken promise's task says what of it was `received` (`HoldReview.received(since:invoices:)`).
    public func endHold(
        _ hold: Hold, ending: HoldEnding, missed: Instalment?, received: Money? = nil, openInvoices: [Invoice], by actor: String,
        at: Date
    ) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE holds SET ended_at = ?, ending = ? WHERE id = ? AND ended_at IS NULL",
                arguments: [StoreCodec.millis(at), ending.rawValue, hold.id])
            guard db.changesCount > 0 else { return }
            let covered = openInvoices.filter { hold.covers(invoice: $0.number, client: $0.clientID) }
            var client: ClientID?
            switch hold.scope {
            case .client(let id): client = id
            case .invoice(let number):
                client = try covered.first?.clientID
                    ?? String.fetchOne(db, sql: "SELECT client_id FROM invoices WHERE number = ?", arguments: [number])
            }
            var invoiceNumber: String? = nil
            if case .invoice(let number) = hold.scope { invoiceNumber = number }
            // A deferred message of the hold's client or invoice was not tried while it stood (the relay was
            // not asked): its run of refusals is over, and `smtp.max_deferred_hours` counts from its next
            // refusal, whether or not a cycle saw the hold standing.
            try db.execute(
                sql: """
                    UPDATE messages SET deferred_since = NULL
                    WHERE state = 'deferred' AND deferred_since IS NOT NULL
                        AND (client_id = ?1 OR EXISTS (SELECT 1 FROM json_each(messages.invoices) WHERE value = ?2))
                    """,
                arguments: [invoiceNumber == nil ? client : nil, invoiceNumber])
            if let missed, ending == .instalmentMissed {
                try JournalWriter(db).append(
                    kind: "plan.instalment.missed", at: at, clientID: client, invoice: invoiceNumber, message: nil,
                    detail: Logfmt.pairs([
                        "hold": String(hold.id), "date": missed.date.description, "amount": missed.amount.plainText,
                        "currency": missed.amount.currency.code, "by": actor,
                    ]),
                    linkedInvoices: covered.map(\.number))
            }
            try JournalWriter(db).append(
                kind: "hold.ended", at: at, clientID: client, invoice: invoiceNumber, message: nil,
                detail: Logfmt.pairs(["hold": String(hold.id), "kind": hold.kind.name, "ending": ending.rawValue, "by": actor]),
                linkedInvoices: covered.map(\.number))
            guard ending.needsTask, let client else { return }
            for invoice in covered {
                try db.execute(sql: "INSERT OR IGNORE INTO resume_next (invoice) VALUES (?)", arguments: [invoice.number])
            }
            let summary = HoldReview.taskSummary(ending, hold: hold, missed: missed, received: received)
            let target = invoiceNumber ?? covered.first?.number ?? ""
            try db.execute(
                sql: "INSERT INTO tasks (client_id, invoice, step, action, summary, state, created_at, gate) VALUES (?, ?, ?, 'call', ?, 'open', ?, 0)",
                arguments: [client, target, "hold-\(ending.rawValue)", summary, StoreCodec.millis(at)])
            try JournalWriter(db).append(
                kind: "task.opened", at: at, clientID: client, invoice: target, message: nil,
                detail: Logfmt.pairs(["task": String(db.lastInsertedRowID), "step": "hold-\(ending.rawValue)", "action": "call", "summary": summary]))
        }
    }

    /// Journals `plan.instalment.paid` (date, amount, `by=ledger`) for each of the plan's first `covered`
    /// instalments not journaled yet, once: the count is kept with the hold, so later cycles that see the
    /// same payments write nothing. Returns the instalments journaled now.
    @discardableResult
    public func recordInstalmentsPaid(_ hold: Hold, covered: Int, at: Date) throws -> [Instalment] {
        guard case .plan(let instalments, _, _) = hold.kind, covered > 0 else { return [] }
        return try writer.write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT target, scope, instalments_paid FROM holds WHERE id = ? AND ended_at IS NULL", arguments: [hold.id])
            else { return [] }
            let already: Int = row["instalments_paid"]
            let upTo = min(covered, instalments.count)
            guard upTo > already else { return [] }
            try db.execute(sql: "UPDATE holds SET instalments_paid = ? WHERE id = ?", arguments: [upTo, hold.id])
            let target: String = row["target"]
            let invoice: String? = (row["scope"] as String) == "invoice" ? target : nil
            let client = try invoice.map { try String.fetchOne(db, sql: "SELECT client_id FROM invoices WHERE number = ?", arguments: [$0]) } ?? target
            let paid = Array(instalments[already..<upTo])
            for (offset, instalment) in paid.enumerated() {
                try JournalWriter(db).append(
                    kind: "plan.instalment.paid", at: at, clientID: client, invoice: invoice, message: nil,
                    detail: Logfmt.pairs([
                        "hold": String(hold.id), "instalment": "\(already + offset + 1)/\(instalments.count)",
                        "date": instalment.date.description, "amount": instalment.amount.plainText,
                        "currency": instalment.amount.currency.code, "by": "ledger",
                    ]))
            }
            return paid
        }
    }

    /// Invoices to resume at their next rung.
    public func resumeAtNext() throws -> Set<String> {
        try writer.read { db in Set(try String.fetchAll(db, sql: "SELECT invoice FROM resume_next")) }
    }

    static func hold(_ row: Row) -> Hold? {
        let scopeName: String = row["scope"]
        let target: String = row["target"]
        let scope: HoldScope = scopeName == "client" ? .client(target) : .invoice(target)
        guard let until = LocalDate(iso: row["until"] as String) else { return nil }
        let grace: Int = row["grace_days"]
        let currency = Currency(code: (row["currency"] as String?) ?? "EUR") ?? .eur
        let amount = Money(minorUnits: (row["amount_minor"] as Int64?) ?? 0, currency: currency)
        let kind: HoldKind
        switch row["kind"] as String {
        case "promise":
            let baseline = (row["paid_at_start_minor"] as Int64?).map { Money(minorUnits: $0, currency: currency) }
            kind = .promise(amount: amount, date: until, graceDays: grace, paidAtStart: baseline)
        case "dispute": kind = .dispute(reason: row["reason"], review: until)
        case "pause": kind = .pause(until: until, reason: row["reason"])
        case "plan":
            let list = ((row["instalments"] as String?) ?? "").split(separator: ";").compactMap { part -> Instalment? in
                let pieces = part.split(separator: "=")
                guard pieces.count == 2, let date = LocalDate(iso: pieces[0]), let money = Money(decimal: pieces[1], currency: currency) else { return nil }
                return Instalment(date: date, amount: money)
            }
            kind = .plan(instalments: list, graceDays: grace, paidAtStart: amount)
        default: return nil
        }
        return Hold(id: row["id"], scope: scope, kind: kind)
    }
}

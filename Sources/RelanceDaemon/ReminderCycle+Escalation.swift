import Foundation
import Logging
import RelanceCore
import RelanceStore

extension ReminderCycle {
    /// Ends the holds that end today (with a task when a person must act); returns the holds still
    /// standing, which stop new reminders (the planner) and retries of deferred ones alike.
    func endHolds(_ invoices: [Invoice], now: Date) throws -> [Hold] {
        let today = LocalDateTime(now, in: sendingZone).date
        let holds = try store.standingHolds()
        guard !holds.isEmpty else { return [] }  // most cycles: no ledger by number to build
        let byNumber = Invoice.byNumber(invoices)
        let open = invoices.filter { !$0.isSettled }
        var standing: [Hold] = []
        for hold in holds {
            try recordInstalmentsPaid(hold, invoices: byNumber, now: now)
            guard let ending = HoldReview.ending(of: hold, invoices: byNumber, today: today) else {
                standing.append(hold)
                continue
            }
            let missed = HoldReview.missedInstalment(of: hold, invoices: byNumber, today: today)
            let received = HoldReview.received(since: hold, invoices: byNumber)
            try store.endHold(
                hold, ending: ending, missed: missed?.instalment, received: received, openInvoices: open, by: "daemon", at: now)
            let task = ending.needsTask
                ? HoldReview.taskSummary(ending, hold: hold, missed: missed?.instalment, received: received) : "-"
            logger.notice("hold.ended", metadata: [
                "hold": "\(hold.id)", "kind": "\(hold.kind.name)", "ending": "\(ending.rawValue)", "task": "\(task)",
            ])
        }
        return standing
    }

    /// The planner's view of the past with the `holds` that `endHolds` left standing, once the addresses
    /// that keep deferring were reviewed.
    func escalationState(holds: [Hold], now: Date) throws -> PlannerState {
        try reviewDeferredAddresses(now: now)
        return try store.plannerState(holds: holds)
    }

    /// The time zone of `sending.time_zone`, in which a hold's dates are days.
    private var sendingZone: TimeZone {
        TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? TimeZone(identifier: "UTC")!
    }

    /// Journals each plan instalment the payments now cover (`plan.instalment.paid`, once per instalment).
    private func recordInstalmentsPaid(_ hold: Hold, invoices: [String: Invoice], now: Date) throws {
        guard case .plan(let instalments, _, _) = hold.kind else { return }
        let covered = HoldReview.instalmentsCovered(by: hold, invoices: invoices)
        for instalment in try store.recordInstalmentsPaid(hold, covered: covered, at: now) {
            logger.info("plan.instalment.paid", metadata: [
                "hold": "\(hold.id)", "date": "\(instalment.date)", "amount": "\(instalment.amount.plainText)",
                "currency": "\(instalment.amount.currency.code)", "of": "\(instalments.count)",
            ])
        }
    }

    /// The client's addresses that are still deliverable; when none is left, the step becomes a task
    /// for a person ("call or write") instead of an email.
    func deliverable(_ client: Client, planned: PlannedMessage, undeliverable dead: [String: ClientID], now: Date) throws -> Client? {
        var usable = client
        usable.emails = client.emails.filter { dead[$0.value] == nil }
        usable.cc = client.cc.filter { dead[$0.value] == nil }
        guard usable.emails.isEmpty else { return usable }
        let summary = "email undeliverable (\(client.emails.map(\.value).joined(separator: ", "))): call or write to \(client.name)"
            + (client.phone.map { " (\($0))" } ?? "") + " about \(planned.lines.map(\.invoice.number).joined(separator: ", "))"
        let tasks = planned.advances.prefix(1).map {
            NewTask(clientID: client.id, invoice: $0.invoice, stepName: planned.step.name, action: .call, summary: summary, gate: false)
        }
        try store.recordAdvances(planned.advances, tasks: tasks, at: now)
        logger.warning("reminder.undeliverable", metadata: [
            "client": "\(client.id)", "invoices": "\(planned.advances.map(\.invoice).joined(separator: ","))",
            "step": "\(planned.step.name)", "task": "\(summary)",
        ])
        return nil
    }

    /// After a permanent refusal (5xx): the addresses are marked undeliverable and a task asks a person
    /// to call or write, so no invoice silently stalls.
    func handlePermanentFailure(_ draft: MessageDraft, reply: String, now: Date) throws {
        try store.markUndeliverable(draft.recipients, clientID: draft.clientID, reason: reply, at: now)
        for address in draft.recipients {
            logger.warning("address.undeliverable", metadata: [
                "client": "\(draft.clientID)", "address": "\(address)", "reason": "\(reply)",
            ])
        }
        let name = configuration.client(draft.clientID)?.name ?? draft.clientID
        try openCallOrWriteTask(
            clientID: draft.clientID, invoices: draft.invoices, stepName: draft.stepName,
            summary: "email undeliverable (\(reply)): call or write to \(name) about \(draft.invoices.joined(separator: ", "))",
            now: now)
    }

    /// Opens the task for a person when email could not deliver a message: a call (or a letter), not
    /// gating the ladder, on the message's first invoice; logged `task.opened` as every task is.
    func openCallOrWriteTask(clientID: ClientID, invoices: [String], stepName: String, summary: String, now: Date) throws {
        let task = NewTask(
            clientID: clientID, invoice: invoices.first ?? "", stepName: stepName, action: .call, summary: summary,
            gate: false)
        try store.recordAdvances([], tasks: [task], at: now)
        logger.notice("task.opened", metadata: [
            "client": "\(clientID)", "invoice": "\(task.invoice)", "step": "\(stepName)", "action": "call",
            "summary": "\(summary)",
        ])
    }
}

extension ReminderCycle {
    /// Sends the operator's daily digest once a day at `operator.digest_at`, journaled `digest.sent`.
    func sendDigestIfDue(invoices: [Invoice], now: Date) async throws {
        let digest = OperatorDigest(configuration: configuration, store: store)
        guard try digest.isDue(at: now) else { return }
        guard let body = try digest.body(invoices: invoices), let mail = try digest.message(body: body, now: now) else {
            try store.journal(.init(kind: "digest.sent", at: now, detail: "nothing=true"))
            return
        }
        let outcome = await transport.send(from: mail.from, recipients: [mail.to], message: mail.bytes)
        if case .accepted(let code, _) = outcome {
            try store.journal(.init(kind: "digest.sent", at: now, detail: Logfmt.pairs(["to": mail.to.value, "smtp_code": String(code)])))
            logger.info("digest.sent", metadata: ["to": "\(mail.to.value)", "smtp_code": "\(code)"])
        } else {
            // Not journaled as sent: the next cycle tries again.
            logger.warning("digest.failed", metadata: ["to": "\(mail.to.value)", "reply": "\(outcome.reply)"])
        }
    }
}

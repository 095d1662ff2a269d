import Foundation
import Logging
import RelanceCore
import RelanceMail
import RelanceStore

extension ReminderCycle {
    /// Sends the due messages over the SMTP connections (`smtp.max_connections`), one message per
    /// connection at a time. `smtp.max_per_minute` is budgeted here, before each message starts, so
    /// concurrent connections never exceed it; a stop request lets the messages in flight finish.
    func deliver(
        _ due: [PlannedMessage], now: Date, report: inout CycleReport, shouldContinue: @Sendable () -> Bool
    ) async throws {
        var budget = configuration.smtp.maxPerMinute - (try store.attemptsStarted(since: now.addingTimeInterval(-60)))
        let undeliverable = try store.undeliverableAddresses()  // read once per cycle, not per message
        try await withThrowingTaskGroup(of: (Int, CycleReport).self) { group in
            var free = Array(transports.indices)
            for message in due {
                guard shouldContinue() else { break }
                guard budget > 0 else {
                    report.throttled += 1
                    continue
                }
                if free.isEmpty, let (index, part) = try await group.next() {
                    report.absorb(part)
                    free.append(index)
                    guard shouldContinue() else { break }
                }
                budget -= 1
                let index = free.removeLast()
                group.addTask {
                    var part = CycleReport(startedAt: now)
                    try await self.send(
                        message, over: self.transports[index], undeliverable: undeliverable, now: now, report: &part)
                    return (index, part)
                }
            }
            for try await (_, part) in group { report.absorb(part) }
        }
    }

    /// Renders, commits as `sending`, speaks SMTP over `transport`, records the answer.
    func send(
        _ planned: PlannedMessage, over transport: any MessageTransport, undeliverable: [String: ClientID], now: Date,
        report: inout CycleReport
    ) async throws {
        guard let configured = configuration.client(planned.clientID),
            let client = try deliverable(configured, planned: planned, undeliverable: undeliverable, now: now)
        else { return }
        let messageID = Self.newMessageID(creditor: configuration.creditor)
        let composed: ComposedMessage
        do {
            composed = try compose(client: client, template: planned.template, stepName: planned.step.name,
                lines: planned.lines, today: planned.localDate, now: now, messageID: messageID)
        } catch {
            // A template that fails to render sends nothing and moves nothing: the operator must fix it.
            logger.error("reminder.render_failed", metadata: [
                "client": "\(client.id)", "step": "\(planned.step.name)", "template": "\(planned.template)", "error": "\(error)",
            ])
            report.failed += 1
            return
        }
        let draft = MessageDraft(
            clientID: client.id, stepName: planned.step.name, template: planned.template,
            invoices: planned.lines.map(\.invoice.number), advances: planned.advances, messageID: messageID,
            subject: composed.subject, recipients: composed.recipients.map(\.value), bytes: composed.bytes)
        let id: Int64
        do {
            id = try store.beginMessage(draft, at: now)
        } catch StoreError.staleAdvance(let invoice, let step, _, let reached, _) {
            // Another relance process (a `run --once` beside the daemon) committed this step first.
            logger.warning("reminder.skipped", metadata: [
                "client": "\(client.id)", "invoice": "\(invoice)", "step": "\(step)",
                "reason": "already at step \(reached): another relance process sent it",
            ])
            return
        }
        if !planned.tasks.isEmpty {
            try store.recordAdvances([], tasks: planned.tasks, at: now)
            report.tasks += planned.tasks.count
            for task in planned.tasks {
                logger.notice("task.opened", metadata: [
                    "client": "\(task.clientID)", "invoice": "\(task.invoice)", "step": "\(task.stepName)",
                    "action": "\(task.action.rawValue)", "summary": "\(task.summary)",
                ])
            }
        }
        let outcome = await transport.send(from: composed.from, recipients: composed.recipients, message: composed.bytes)
        try record(outcome, messageID: id, draft: draft, attempt: 1, now: now, report: &report)
    }

    /// Tries a deferred message again, re-rendered with today's amounts, or cancels it when nothing in it
    /// is owed any more.
    func retryDeferred(_ message: MessageRecord, open: [String: Invoice], now: Date, report: inout CycleReport) async throws {
        let invoices = message.invoices.compactMap { open[$0] }
        guard let client = configuration.client(message.clientID), !invoices.isEmpty else {
            let reason = configuration.client(message.clientID) == nil
                ? "client removed from the config" : "every invoice in it is settled or gone from the ledger"
            try store.cancelMessage(messageID: message.id, reason: reason, at: now)
            logger.info("reminder.cancelled", metadata: ["client": "\(message.clientID)", "message_id": "\(message.messageID)", "reason": "\(reason)"])
            report.cancelled += 1
            return
        }
        let maxAge = TimeInterval(configuration.smtp.maxDeferredHours) * 3600
        guard now.timeIntervalSince(message.createdAt) <= maxAge else {
            // Deferred too long (the relay keeps refusing): a person takes over, so nothing stalls silently.
            let reason = "still deferred after \(configuration.smtp.maxDeferredHours) h (last reply: \(message.lastReply ?? "-"))"
            try store.expireDeferred(messageID: message.id, reason: reason, at: now)
            let task = NewTask(
                clientID: client.id, invoice: message.invoices.first ?? "", stepName: message.stepName, action: .call,
                summary: "email not delivered: \(reason); call or write to \(client.name) about \(message.invoices.joined(separator: ", "))",
                gate: false)
            try store.recordAdvances([], tasks: [task], at: now)
            logger.error("reminder.expired", metadata: [
                "client": "\(client.id)", "invoices": "\(message.invoices.joined(separator: ","))", "step": "\(message.stepName)",
                "message_id": "<\(message.messageID)>", "reason": "\(reason)",
            ])
            report.failed += 1
            return
        }
        let window = planner.window(for: client)
        guard window.isOpen(at: now) else { return }
        let today = LocalDateTime(now, in: window.timeZone).date
        let lines = invoices.map { PlannedLine(invoice: $0, today: today) }
        let composed: ComposedMessage
        do {
            composed = try compose(client: client, template: message.template, stepName: message.stepName,
                lines: lines, today: today, now: now, messageID: message.messageID)
        } catch {
            logger.error("reminder.render_failed", metadata: ["client": "\(client.id)", "message_id": "\(message.messageID)", "error": "\(error)"])
            return
        }
        try store.beginRetry(messageID: message.id, bytes: composed.bytes, at: now)
        let outcome = await transport.send(from: composed.from, recipients: composed.recipients, message: composed.bytes)
        let draft = MessageDraft(
            clientID: client.id, stepName: message.stepName, template: message.template, invoices: invoices.map(\.number),
            advances: [], messageID: message.messageID, subject: composed.subject,
            recipients: composed.recipients.map(\.value), bytes: composed.bytes)
        try record(outcome, messageID: message.id, draft: draft, attempt: message.attempts + 1, now: now, report: &report)
    }

    private func record(
        _ outcome: DeliveryOutcome, messageID id: Int64, draft: MessageDraft, attempt: Int, now: Date,
        report: inout CycleReport
    ) throws {
        var nextAttempt: Date?
        if case .transient = outcome { nextAttempt = now.addingTimeInterval(retry.delay(afterAttempt: attempt)) }
        try store.finishAttempt(messageID: id, outcome: outcome, nextAttemptAt: nextAttempt, at: max(clock.now(), now))
        var metadata: Logger.Metadata = [
            "client": "\(draft.clientID)", "invoices": "\(draft.invoices.joined(separator: ","))", "step": "\(draft.stepName)",
            "to": "\(draft.recipients.joined(separator: ","))", "smtp_code": "\(outcome.code.map(String.init) ?? "-")",
            "message_id": "<\(draft.messageID)>", "attempt": "\(attempt)", "reply": "\(outcome.reply)",
        ]
        switch outcome {
        case .accepted:
            report.sent += 1
            logger.info("reminder.sent", metadata: metadata)
        case .transient:
            report.deferred += 1
            metadata["retry_at"] = "\(ISO8601DateFormatter().string(from: nextAttempt!))"
            logger.warning("reminder.deferred", metadata: metadata)
        case .permanent(_, let reply):
            report.failed += 1
            logger.error("reminder.failed", metadata: metadata)
            try handlePermanentFailure(draft, reply: reply, now: now)
        case .unknown:
            report.unknown += 1
            logger.error("reminder.unknown", metadata: metadata)
        }
    }

    private func compose(
        client: Client, template: String, stepName: String, lines: [PlannedLine], today: LocalDate, now: Date,
        messageID: String
    ) throws -> ComposedMessage {
        let timeZone = planner.window(for: client).timeZone
        return try composer.compose(
            creditor: configuration.creditor, client: client, template: template, stepName: stepName,
            lines: lines, today: today, date: now,
            timeZone: timeZone, messageID: messageID, attachments: attachments(for: lines, client: client)
                + (isFormalNotice(template: template, client: client)
                    ? formalNoticeAttachment(client: client, lines: lines, today: today).map { [$0] } ?? [] : []))
    }

    /// Whether the template belongs to a formal-notice step of the client's schedule.
    func isFormalNotice(template: String, client: Client) -> Bool {
        configuration.schedules[client.scheduleName]?.steps.contains { $0.action == .formalNotice && $0.template == template } ?? false
    }

    /// The largest invoice PDF attached, and the most attached to one message.
    static let attachmentCap = (each: 5 * 1024 * 1024, total: 10 * 1024 * 1024)

    /// The invoice PDFs the ledger names: a missing or oversized file is a warning, and the reminder
    /// still goes out without it.
    func attachments(for lines: [PlannedLine], client: Client) -> [MailAttachment] {
        var total = 0
        var files: [MailAttachment] = []
        for line in lines {
            guard let path = line.invoice.pdfPath else { continue }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            guard let size else {
                logger.warning("attachment.missing", metadata: ["client": "\(client.id)", "invoice": "\(line.invoice.number)", "path": "\(path)"])
                continue
            }
            guard size <= Self.attachmentCap.each, total + size <= Self.attachmentCap.total else {
                logger.warning("attachment.too_large", metadata: [
                    "client": "\(client.id)", "invoice": "\(line.invoice.number)", "path": "\(path)", "bytes": "\(size)",
                ])
                continue
            }
            do {
                files.append(try MailAttachment(contentsOfFile: path))
                total += size
            } catch {
                logger.warning("attachment.unreadable", metadata: ["client": "\(client.id)", "invoice": "\(line.invoice.number)", "path": "\(path)", "error": "\(error)"])
            }
        }
        return files
    }

    /// A globally unique Message-ID on the creditor's domain (without angle brackets).
    static func newMessageID(creditor: Creditor) -> String {
        "relance.\(UUID().uuidString.lowercased())@\(creditor.email.domain)"
    }
}

import Foundation
import Logging
import RelanceCore
import RelanceDocuments
import RelanceMail
import RelanceStore

extension ReminderCycle {
    /// Tries a deferred message again, re-rendered with today's amounts, after `ReminderPlanner.reviewRetry`:
    /// invoices settled, gone or on hold (`holds`) leave it; it waits, untried, while every one left is on
    /// hold; it is cancelled when nothing in it is owed any more, when none of the invoices left reached its
    /// step, or when a later step is due (the planner then plans what is due today, in this cycle).
    func retryDeferred(
        _ message: MessageRecord, open: [String: Invoice], holds: [Hold], plannedAt mark: JournalMark, now: Date,
        report: inout CycleReport
    ) async throws {
        guard let client = configuration.client(message.clientID) else {
            return try cancelRetry(message, reason: "client removed from the config", now: now, report: &report)
        }
        let decision = planner.reviewRetry(
            step: message.stepName, listed: message.invoices, client: client, open: open, holds: holds,
            reached: try store.reachedSteps(of: message.invoices),
            today: LocalDateTime(now, in: planner.window(for: client).timeZone).date)
        let numbers: [String]
        switch decision {
        case .cancel(let reason):
            return try cancelRetry(message, reason: reason, now: now, report: &report)
        case .wait(let held):
            // The relay is not asked while the hold stands: ending the hold restarts its run of refusals
            // (`endHold`), so the next refusal starts a new one.
            logger.info("reminder.held", metadata: [
                "client": "\(message.clientID)", "invoices": "\(message.invoices.joined(separator: ","))",
                "message_id": "<\(message.messageID)>", "holds": "\(held.map(String.init).joined(separator: ","))",
                "reason": "every invoice in it is on hold; the retry waits until a hold ends",
            ])
            return
        case .send(let left):
            numbers = left
        }
        let invoices = numbers.compactMap { open[$0] }
        let maxAge = TimeInterval(configuration.smtp.maxDeferredHours) * 3600
        // From the first refusal of the current run, not the message's creation: a resend the operator
        // asked for, or a retry that waited for a hold, gets its own hours (the hold's ending cleared it).
        guard message.deferredSince.map({ now.timeIntervalSince($0) <= maxAge }) ?? true else {
            // Deferred too long (the relay keeps refusing): a person takes over, so nothing stalls silently.
            let reason = "still deferred after \(configuration.smtp.maxDeferredHours) h (last reply: \(message.lastReply ?? "-"))"
            try store.expireDeferred(messageID: message.id, reason: reason, at: now)
            try openCallOrWriteTask(
                clientID: client.id, invoices: message.invoices, stepName: message.stepName,
                summary: "email not delivered: \(reason); call or write to \(client.name) about \(message.invoices.joined(separator: ", "))",
                now: now)
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
        do {
            try store.beginRetry(messageID: message.id, bytes: composed.bytes, plannedAt: mark, listing: numbers, at: now)
        } catch let refusal as StoreError where refusal.isChangedSincePlanning {
            logSkipped(refusal, client: client.id, invoices: message.invoices, context: ["message_id": "<\(message.messageID)>"])
            report.replanned += 1
            return
        }
        let answer = await transport.attempt(from: composed.from, recipients: composed.recipients, message: composed.bytes)
        let draft = MessageDraft(
            clientID: client.id, stepName: message.stepName, template: message.template, invoices: invoices.map(\.number),
            advances: [], messageID: message.messageID, subject: composed.subject,
            recipients: composed.recipients.map(\.value), bytes: composed.bytes)
        try record(answer, messageID: message.id, draft: draft, attempt: message.attempts + 1, now: now, report: &report)
    }

    /// Cancels a deferred message that is not to be retried (`message.cancelled`, `reminder.cancelled`).
    private func cancelRetry(_ message: MessageRecord, reason: String, now: Date, report: inout CycleReport) throws {
        try store.cancelMessage(messageID: message.id, reason: reason, at: now)
        logger.info("reminder.cancelled", metadata: [
            "client": "\(message.clientID)", "invoices": "\(message.invoices.joined(separator: ","))",
            "step": "\(message.stepName)", "message_id": "<\(message.messageID)>", "reason": "\(reason)",
        ])
        report.cancelled += 1
    }

    private func record(
        _ answer: SMTPAnswer, messageID id: Int64, draft: MessageDraft, attempt: Int, now: Date,
        report: inout CycleReport
    ) throws {
        let outcome = answer.outcome
        var nextAttempt: Date?
        if case .transient = outcome { nextAttempt = now.addingTimeInterval(retry.delay(afterAttempt: attempt)) }
        try store.finishAttempts([
            FinishedAttempt(
                messageID: id, outcome: outcome, nextAttemptAt: nextAttempt, at: max(clock.now(), now),
                refused: answer.refusedRecipients.map(\.journaled))
        ])
        try logOutcome(
            outcome, draft: draft, attempt: attempt, nextAttempt: nextAttempt, now: now, report: &report,
            refused: answer.refusedRecipients)
    }

    /// Logs a recorded outcome (`reminder.sent|deferred|failed|unknown`), counts it, and after a
    /// permanent refusal marks the addresses undeliverable; so too for each recipient the server refused
    /// while it took the message for the others (`refused`, see `handleRefusedRecipients`).
    func logOutcome(
        _ outcome: DeliveryOutcome, draft: MessageDraft, attempt: Int, nextAttempt: Date?, now: Date,
        report: inout CycleReport, refused: [RefusedRecipient] = []
    ) throws {
        var metadata: Logger.Metadata = [
            "client": "\(draft.clientID)", "invoices": "\(draft.invoices.joined(separator: ","))", "step": "\(draft.stepName)",
            "to": "\(draft.recipients.joined(separator: ","))", "smtp_code": "\(outcome.code.map(String.init) ?? "-")",
            "message_id": "<\(draft.messageID)>", "attempt": "\(attempt)", "reply": "\(outcome.reply)",
        ]
        switch outcome {
        case .accepted:
            report.sent += 1
            if !refused.isEmpty { metadata["refused"] = "\(refused.map(\.journaled).joined(separator: ","))" }
            logger.info("reminder.sent", metadata: metadata)
            try handleRefusedRecipients(refused, draft: draft, now: now)
        case .transient:
            report.deferred += 1
            metadata["retry_at"] = "\((nextAttempt ?? now).formatted(.iso8601))"
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

    func compose(
        client: Client, template: String, stepName: String, lines: [PlannedLine], today: LocalDate, now: Date,
        messageID: String
    ) throws -> ComposedMessage {
        try composeWithLetter(
            client: client, template: template, stepName: stepName, lines: lines, today: today, now: now, messageID: messageID
        ).message
    }

    /// `compose`, with the mise en demeure attached to a formal notice's email (its file name and what it
    /// claims), which the registered-letter task names; nil for other steps, or when the letter failed.
    func composeWithLetter(
        client: Client, template: String, stepName: String, lines: [PlannedLine], today: LocalDate, now: Date,
        messageID: String
    ) throws -> (message: ComposedMessage, letter: (name: String, claimed: [ClaimedInvoice])?) {
        let timeZone = planner.window(for: client).timeZone
        let notice = isFormalNotice(template: template, client: client)
        // The earlier reminders about these invoices, read once (a store read, only for a notice and the templates
        // that say "despite our previous reminder"): the letter cites them, the email counts them.
        let earlier = notice || composer.library.usesEarlierReminders(template)
            ? try priorReminders(client: client, invoices: Set(lines.map(\.invoice.number))) : []
        // A formal notice: its letter's claim, computed once, is both attached and what the email states.
        let claimed = notice ? formalNoticeClaims(client: client, lines: lines, today: today) : nil
        let letter = claimed.flatMap { formalNoticeAttachment(client: client, claimed: $0, today: today, reminders: earlier) }
        let message = try composer.compose(
            creditor: configuration.creditor, client: client, template: template, stepName: stepName,
            lines: lines, today: today, date: now,
            timeZone: timeZone, messageID: messageID, attachments: attachments(for: lines, client: client) + (letter.map { [$0] } ?? []),
            // The email states the letter's figures only when the letter goes with it.
            claims: letter == nil ? [:] : Dictionary((claimed ?? []).map { ($0.invoice.number, $0.claim) }, uniquingKeysWith: { first, _ in first }),
            earlierReminders: earlier.count)
        guard let letter, let claimed else { return (message, nil) }
        return (message, (letter.filename, claimed))
    }

    /// Whether the template belongs to a formal-notice step of the client's schedule.
    func isFormalNotice(template: String, client: Client) -> Bool {
        configuration.schedules[client.scheduleName]?.steps.contains { $0.action == .formalNotice && $0.template == template } ?? false
    }

    /// The largest invoice PDF attached, and the most attached to one message.
    static let attachmentCap = (each: 5 * 1024 * 1024, total: 10 * 1024 * 1024)

    /// The invoice PDFs the ledger names: a missing or oversized file, or one refused (outside the
    /// ledger's folder, not a PDF: `InvoicePDF`), is a warning, and the reminder still goes out without it.
    func attachments(for lines: [PlannedLine], client: Client) -> [MailAttachment] {
        var total = 0
        var files: [MailAttachment] = []
        let folder = InvoicePDF.folder(of: configuration)
        for line in lines {
            guard let path = line.invoice.pdfPath else { continue }
            if let refusal = InvoicePDF.refusal(path, folder: folder) {
                logger.warning("attachment.refused", metadata: [
                    "client": "\(client.id)", "invoice": "\(line.invoice.number)", "path": "\(path)", "reason": "\(refusal)",
                ])
                continue
            }
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
    public static func newMessageID(creditor: Creditor) -> String {
        "relance.\(UUID().uuidString.lowercased())@\(creditor.email.domain)"
    }
}

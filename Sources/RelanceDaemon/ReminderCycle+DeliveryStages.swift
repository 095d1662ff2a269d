import Foundation
import Logging
import RelanceCore
import RelanceMail
import RelanceStore

/// A message rendered for this cycle and not yet committed: nothing of it is in the store, so
/// dropping it (a stop request) sends nothing and loses nothing.
struct RenderedMessage: Sendable {
    /// What the store commits: the bytes, the advances and the tasks the message opens.
    var draft: MessageDraft
    var from: EmailAddress
    var recipients: [EmailAddress]
}

extension ReminderCycle {
    /// Renders a group of planned messages, without committing anything but the advances of clients
    /// whose every address is undeliverable (they get a task instead of an email, as they would
    /// without the render ahead). Runs off the connections' threads and off Swift's cooperative pool.
    func render(
        _ chunk: [PlannedMessage], plannedAt mark: JournalMark, undeliverable: [String: ClientID], now: Date
    ) throws -> ([RenderedMessage], CycleReport) {
        var part = CycleReport(startedAt: now)
        var rendered: [RenderedMessage] = []
        rendered.reserveCapacity(chunk.count)
        for planned in chunk {
            guard let configured = configuration.client(planned.clientID),
                let client = try deliverable(configured, planned: planned, undeliverable: undeliverable, now: now)
            else { continue }
            let messageID = Self.newMessageID(creditor: configuration.creditor)
            do {
                let (composed, letter) = try composeWithLetter(client: client, template: planned.template,
                    stepName: planned.step.name, lines: planned.lines, today: planned.localDate, now: now, messageID: messageID)
                // The registered-letter task names the letter to post and states its figures.
                let tasks = letter.map { letter in
                    planned.tasks.map {
                        Self.registeredLetterTask(
                            $0, client: client, letter: letter.name, claimed: letter.claimed,
                            jurisdiction: configuration.creditor.jurisdiction)
                    }
                } ?? planned.tasks
                let draft = MessageDraft(
                    clientID: client.id, stepName: planned.step.name, template: planned.template,
                    invoices: planned.lines.map(\.invoice.number), advances: planned.advances, messageID: messageID,
                    subject: composed.subject, recipients: composed.recipients.map(\.value), bytes: composed.bytes,
                    tasks: tasks, plannedAt: mark)
                rendered.append(RenderedMessage(draft: draft, from: composed.from, recipients: composed.recipients))
            } catch {
                // A template that fails to render sends nothing and moves nothing: the operator must fix it.
                logger.error("reminder.render_failed", metadata: [
                    "client": "\(client.id)", "step": "\(planned.step.name)", "template": "\(planned.template)", "error": "\(error)",
                ])
                part.failed += 1
            }
        }
        return (rendered, part)
    }

    /// Commits a group of rendered messages as `sending` in one transaction, with the tasks they open.
    func commit(_ group: [RenderedMessage], now: Date) throws -> DeliveryEvent {
        var part = CycleReport(startedAt: now)
        let results = try store.beginMessages(group.map(\.draft), at: now)
        var ready: [ReadyMessage] = []
        ready.reserveCapacity(group.count)
        var tasks: [NewTask] = []
        for (message, result) in zip(group, results) {
            let draft = message.draft
            switch result {
            case .success(let id):
                ready.append(ReadyMessage(id: id, draft: draft, from: message.from, recipients: message.recipients))
                tasks += draft.tasks
            case .failure(StoreError.staleAdvance(let invoice, let step, _, let reached, _)):
                // Another process committed this step first. `StoreLock` keeps two `relance run`s apart, so
                // only one without it could (an older relance, or the store reached through a hard link).
                logger.warning("reminder.skipped", metadata: [
                    "client": "\(draft.clientID)", "invoice": "\(invoice)", "step": "\(step)",
                    "reason": "already at step \(reached): another relance process sent it",
                ])
            case .failure(let refusal) where refusal.isChangedSincePlanning:
                // A person paused, promised, disputed, paid or wrote off meanwhile: plan again with it.
                logSkipped(refusal, client: draft.clientID, invoices: draft.invoices, context: ["step": "\(draft.stepName)"])
                part.replanned += 1
            case .failure(StoreError.duplicateMessageID(let messageID, let existing)):
                // Set aside by the store alone (a savepoint): the rest of the group is committed and goes on.
                logger.error("reminder.skipped", metadata: [
                    "client": "\(draft.clientID)", "message_id": "<\(messageID)>",
                    "reason": "Message-ID already used by message \(existing)",
                ])
            case .failure(let error):
                throw error
            }
        }
        if !tasks.isEmpty {  // committed with their messages by `beginMessages`
            part.tasks += tasks.count
            for task in tasks {
                logger.notice("task.opened", metadata: [
                    "client": "\(task.clientID)", "invoice": "\(task.invoice)", "step": "\(task.stepName)",
                    "action": "\(task.action.rawValue)", "summary": "\(task.summary)",
                ])
            }
        }
        return .begun(ready, refused: group.count - ready.count, part)
    }

    /// Logs `reminder.skipped` for a message the store refused with `StoreError.changedSincePlanning`.
    func logSkipped(_ refusal: StoreError, client: ClientID, invoices: [String], context: Logger.Metadata) {
        guard case .changedSincePlanning(_, let invoice, let kind, let event) = refusal else { return }
        var metadata: Logger.Metadata = [
            "client": "\(client)", "invoices": "\(invoice ?? invoices.joined(separator: ","))",
            "reason": "\(kind) recorded after this cycle planned it (journal entry \(event)); planned again at once",
        ]
        metadata.merge(context) { first, _ in first }
        logger.notice("reminder.skipped", metadata: metadata)
    }

    /// Commits a group of answers in one transaction, then logs each and handles permanent refusals.
    func record(_ batch: [(ReadyMessage, SMTPAnswer, Date)], now: Date) throws -> CycleReport {
        var part = CycleReport(startedAt: now)
        let finished = batch.map { message, answer, at in
            var next: Date?
            if case .transient = answer.outcome { next = now.addingTimeInterval(retry.delay(afterAttempt: 1)) }
            return FinishedAttempt(
                messageID: message.id, outcome: answer.outcome, nextAttemptAt: next, at: max(at, now), bytes: message.draft.bytes,
                refused: answer.refusedRecipients.map(\.journaled))
        }
        try store.finishAttempts(finished)
        for ((message, answer, _), attempt) in zip(batch, finished) {
            try logOutcome(
                answer.outcome, draft: message.draft, attempt: 1, nextAttempt: attempt.nextAttemptAt, now: now, report: &part,
                refused: answer.refusedRecipients)
        }
        return part
    }
}

import Foundation
import Logging
import RelanceCore
import RelanceMail
import RelanceStore

/// A message rendered, committed as `sending`, and ready to be spoken (its bytes are never rendered again).
struct ReadyMessage: Sendable {
    var id: Int64
    var draft: MessageDraft
    var from: EmailAddress
    var recipients: [EmailAddress]
}

/// What one of the cycle's delivery tasks finished.
enum DeliveryEvent: Sendable {
    /// A group of messages was rendered and committed as `sending` in one transaction.
    case begun([ReadyMessage], CycleReport)
    /// A server answered one message on one connection.
    case answered(DeliveryPipeline<ReadyMessage>.Queued, connection: Int, SMTPAnswer, at: Date)
    /// A group of answers was committed in one transaction.
    case recorded(CycleReport)
}

extension ReminderCycle {
    /// Sends the due messages over the SMTP connections (`smtp.max_connections`) with group commits.
    ///
    /// Three stages overlap: rendering and committing the next messages as `sending` (one transaction
    /// for a group, before any of them is spoken), speaking SMTP (one message per connection at a
    /// time), and recording the answers (one transaction for the answers that arrived meanwhile, after
    /// they arrived). `smtp.max_per_minute` is budgeted when messages are committed. A stop request
    /// stops committing; the messages already committed are still spoken and recorded, since leaving
    /// them in `sending` would make them `unknown`. A connection that fails before the DATA phase is
    /// re-opened with a backoff and its message goes to another connection (see `DeliveryPipeline`).
    func deliver(
        _ due: [PlannedMessage], now: Date, report: inout CycleReport, shouldContinue: @Sendable () -> Bool
    ) async throws {
        var budget = configuration.smtp.maxPerMinute - (try store.attemptsStarted(since: now.addingTimeInterval(-60)))
        let undeliverable = try store.undeliverableAddresses()  // read once per cycle, not per message
        var pipeline = DeliveryPipeline<ReadyMessage>(connections: transports.count)
        var next = due.startIndex
        var beginning = false, recording = false, widened = false
        var answers: [(ReadyMessage, SMTPAnswer, Date)] = []
        try await withThrowingTaskGroup(of: DeliveryEvent.self) { group in
            while true {
                if !beginning, next < due.endIndex, shouldContinue() {
                    if budget <= 0 {
                        report.throttled += due.endIndex - next
                        next = due.endIndex
                    } else if pipeline.room > 0 {
                        let chunk = Array(due[next..<min(next + min(pipeline.room, budget), due.endIndex)])
                        next += chunk.count
                        budget -= chunk.count
                        beginning = true
                        widened = false
                        group.addTask { try self.begin(chunk, undeliverable: undeliverable, now: now) }
                    }
                }
                while let start = pipeline.nextStart() {
                    let transport = transports[start.connection]
                    group.addTask {
                        if start.backoff > .zero { try? await Task.sleep(for: start.backoff) }
                        // The cycle failed meanwhile (its group is cancelled): speak no more. The message
                        // stays `sending` and becomes `unknown` at the next start, never resent.
                        try Task.checkCancellation()
                        let message = start.queued.message
                        let answer = await transport.attempt(
                            from: message.from, recipients: message.recipients, message: message.draft.bytes)
                        return .answered(start.queued, connection: start.connection, answer, at: clock.now())
                    }
                }
                if beginning, !widened, pipeline.waiting == 0, pipeline.anyIdle {
                    pipeline.starved()  // connections wait for this group commit: commit more next time
                    widened = true
                }
                if !recording, !answers.isEmpty {
                    let batch = answers
                    answers.removeAll(keepingCapacity: true)
                    recording = true
                    group.addTask { .recorded(try self.record(batch, now: now)) }
                }
                guard let event = try await group.next() else { break }
                switch event {
                case .begun(let ready, let part):
                    beginning = false
                    report.absorb(part)
                    pipeline.enqueue(ready)
                case .answered(let queued, let connection, let answer, let at):
                    if pipeline.answered(queued, on: connection, answer) == .retry {
                        logger.notice("smtp.reconnect", metadata: [
                            "client": "\(queued.message.draft.clientID)", "message_id": "<\(queued.message.draft.messageID)>",
                            "connection": "\(connection + 1)", "reason": "\(answer.outcome.reply)",
                            "retry": "\(queued.reconnects + 1)",
                        ])
                    } else {
                        answers.append((queued.message, answer, at))
                    }
                case .recorded(let part):
                    recording = false
                    report.absorb(part)
                }
            }
        }
    }

    /// Renders a group of planned messages (off the connections' threads) and commits them as `sending`
    /// in one transaction, with the tasks they open.
    private func begin(
        _ chunk: [PlannedMessage], undeliverable: [String: ClientID], now: Date
    ) throws -> DeliveryEvent {
        var part = CycleReport(startedAt: now)
        var drafts: [(PlannedMessage, MessageDraft, ComposedMessage)] = []
        for planned in chunk {
            guard let configured = configuration.client(planned.clientID),
                let client = try deliverable(configured, planned: planned, undeliverable: undeliverable, now: now)
            else { continue }
            let messageID = Self.newMessageID(creditor: configuration.creditor)
            do {
                let composed = try compose(client: client, template: planned.template, stepName: planned.step.name,
                    lines: planned.lines, today: planned.localDate, now: now, messageID: messageID)
                drafts.append((planned, MessageDraft(
                    clientID: client.id, stepName: planned.step.name, template: planned.template,
                    invoices: planned.lines.map(\.invoice.number), advances: planned.advances, messageID: messageID,
                    subject: composed.subject, recipients: composed.recipients.map(\.value), bytes: composed.bytes,
                    tasks: planned.tasks), composed))
            } catch {
                // A template that fails to render sends nothing and moves nothing: the operator must fix it.
                logger.error("reminder.render_failed", metadata: [
                    "client": "\(client.id)", "step": "\(planned.step.name)", "template": "\(planned.template)", "error": "\(error)",
                ])
                part.failed += 1
            }
        }
        let results = try store.beginMessages(drafts.map(\.1), at: now)
        var ready: [ReadyMessage] = []
        var tasks: [NewTask] = []
        for ((planned, draft, composed), result) in zip(drafts, results) {
            switch result {
            case .success(let id):
                ready.append(ReadyMessage(id: id, draft: draft, from: composed.from, recipients: composed.recipients))
                tasks += planned.tasks
            case .failure(StoreError.staleAdvance(let invoice, let step, _, let reached, _)):
                // Another relance process (a `run --once` beside the daemon) committed this step first.
                logger.warning("reminder.skipped", metadata: [
                    "client": "\(draft.clientID)", "invoice": "\(invoice)", "step": "\(step)",
                    "reason": "already at step \(reached): another relance process sent it",
                ])
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
        return .begun(ready, part)
    }

    /// Commits a group of answers in one transaction, then logs each and handles permanent refusals.
    private func record(_ batch: [(ReadyMessage, SMTPAnswer, Date)], now: Date) throws -> CycleReport {
        var part = CycleReport(startedAt: now)
        let finished = batch.map { message, answer, at in
            var next: Date?
            if case .transient = answer.outcome { next = now.addingTimeInterval(retry.delay(afterAttempt: 1)) }
            return FinishedAttempt(messageID: message.id, outcome: answer.outcome, nextAttemptAt: next, at: max(at, now))
        }
        try store.finishAttempts(finished)
        for ((message, answer, _), attempt) in zip(batch, finished) {
            try logOutcome(answer.outcome, draft: message.draft, attempt: 1, nextAttempt: attempt.nextAttemptAt, now: now, report: &part)
        }
        return part
    }
}

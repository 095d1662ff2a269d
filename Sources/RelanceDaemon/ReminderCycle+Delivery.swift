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
    /// A group of planned messages (`planned` of them, in the cycle's order `sequence`) was rendered.
    case rendered(sequence: Int, planned: Int, [RenderedMessage], CycleReport)
    /// A group of messages was committed as `sending` in one transaction; `refused` of the group were
    /// not (a step another process committed first, a Message-ID already used, a hold or payment recorded
    /// since planning) and start no attempt.
    case begun([ReadyMessage], refused: Int, CycleReport)
    /// A server answered one message on one connection.
    case answered(DeliveryPipeline<ReadyMessage>.Queued, connection: Int, SMTPAnswer, at: Date)
    /// A group of answers was committed in one transaction.
    case recorded(CycleReport)
}

extension ReminderCycle {
    /// Planned messages rendered by one render task.
    static var renderGroup: Int { 4 }

    /// The answer recorded for a message committed and never handed to a connection because relance was
    /// stopping: deferred (it goes out at the next start), with no SMTP code.
    static let stoppedBeforeSpeaking = SMTPAnswer(
        outcome: .transient(code: nil, reply: "not sent: relance stopped before this message was spoken"),
        connectionFailed: true)

    /// Sends the due messages over the SMTP connections (`smtp.max_connections`) with group commits.
    ///
    /// Four stages overlap: rendering the next messages (one task per core, a few messages each, in
    /// advance of the commits by at most two full leads; nothing rendered is in the store), committing
    /// rendered messages as `sending` (one transaction for a group, before any of them is spoken),
    /// speaking SMTP (one message per connection at a time), and recording the answers (one transaction
    /// for the answers that arrived meanwhile, after they arrived). Messages are committed and handed to
    /// the connections in the plan's order. Transactions and rendering run on their own threads
    /// (`BlockingWorkQueue`), never on Swift's cooperative pool, so that an fsync never stops the hand-off
    /// of answers and messages. `smtp.max_per_minute` is budgeted when messages are rendered, and given back
    /// for those that start no attempt (undeliverable, a template that fails, refused by the store). A stop
    /// request, or a newer ledger export (`ledgerUnchanged` answers false before a group commit), stops
    /// rendering and committing (what was rendered and not committed is dropped, unsent). On a stop, the
    /// messages being spoken are finished and recorded; those committed and not yet handed to a connection
    /// are recorded as deferred, never spoken (`stoppedBeforeSpeaking`), since leaving them in `sending`
    /// would make them `unknown`, and speaking them would hold the stop for as long as the relay is slow.
    /// A connection that fails before the DATA phase is re-opened with a backoff and its message goes to
    /// another connection (see `DeliveryPipeline`).
    func deliver(
        _ due: [PlannedMessage], plannedAt mark: JournalMark, now: Date, report: inout CycleReport,
        ledgerUnchanged: () -> Bool, shouldContinue: @Sendable () -> Bool
    ) async throws {
        FreedMemory.keepFreedPages()
        defer { FreedMemory.stopKeepingFreedPages() }
        var budget = configuration.smtp.maxPerMinute - (try store.attemptsStarted(since: now.addingTimeInterval(-60)))
        let undeliverable = try store.undeliverableAddresses()  // read once per cycle, not per message
        var pipeline = DeliveryPipeline<ReadyMessage>(connections: transports.count)
        let renderers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
        let renderLimit = 2 * DeliveryPipeline<ReadyMessage>.maxLeadPerConnection * transports.count
        let renderQueue = BlockingWorkQueue(label: "relance.delivery.render", concurrent: true)
        let commitQueue = BlockingWorkQueue(label: "relance.delivery.commit")
        let recordQueue = BlockingWorkQueue(label: "relance.delivery.record")
        var next = due.startIndex
        var rendering = 0, ahead = 0  // render tasks in flight; planned messages rendering, rendered or waiting
        var rendered = RenderedInOrder<RenderedMessage>()
        var beginning = false, recording = false, widened = false
        var ledgerMoved = false  // a newer export arrived: nothing more is committed from this plan
        var answers: [(ReadyMessage, SMTPAnswer, Date)] = []
        try await withThrowingTaskGroup(of: DeliveryEvent.self) { group in
            while true {
                while rendering < renderers, next < due.endIndex, ahead < renderLimit, !ledgerMoved, shouldContinue() {
                    if budget <= 0 {
                        // Messages still rendering or committing may give some budget back (skipped).
                        guard ahead == 0, !beginning else { break }
                        report.throttled += due.endIndex - next
                        next = due.endIndex
                        break
                    }
                    let count = min(Self.renderGroup, budget, due.endIndex - next, renderLimit - ahead)
                    let chunk = Array(due[next..<next + count])
                    let order = rendered.issue()
                    next += count
                    budget -= count
                    ahead += count
                    rendering += 1
                    group.addTask {
                        let (messages, part) = try await renderQueue.run {
                            try self.render(chunk, plannedAt: mark, undeliverable: undeliverable, now: now)
                        }
                        return .rendered(sequence: order, planned: chunk.count, messages, part)
                    }
                }
                if !beginning, !rendered.ready.isEmpty, pipeline.room > 0, !ledgerMoved, shouldContinue() {
                    ledgerMoved = !ledgerUnchanged()  // one stat() per group commit
                    if !ledgerMoved {
                        let batch = rendered.take(pipeline.room)
                        ahead -= batch.count
                        beginning = true
                        widened = false
                        group.addTask { try await commitQueue.run { try self.commit(batch, now: now) } }
                    }
                }
                if pipeline.waiting > 0, !shouldContinue() {
                    // A stop: what is committed and not yet handed to a connection is never spoken. It is
                    // recorded as deferred at once (no SMTP code: nothing is held against the addresses) and
                    // goes out at the next start, instead of holding the stop for a relay that may not answer
                    // (and becoming `unknown` if systemd then kills relance).
                    for queued in pipeline.withdrawWaiting() {
                        answers.append((queued.message, Self.stoppedBeforeSpeaking, clock.now()))
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
                    group.addTask { .recorded(try await recordQueue.run { try self.record(batch, now: now) }) }
                }
                guard let event = try await group.next() else { break }
                switch event {
                case .rendered(let order, let planned, let messages, let part):
                    rendering -= 1
                    ahead -= planned - messages.count
                    budget += planned - messages.count  // not rendered (undeliverable, failed): no attempt
                    report.absorb(part)
                    rendered.finished(order, messages)
                case .begun(let ready, let refused, let part):
                    beginning = false
                    budget += refused
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
        // Planned from the older export and never committed: the next cycle plans them from the new one.
        if ledgerMoved { report.leftForNewerLedger = due.endIndex - next + ahead }
    }
}

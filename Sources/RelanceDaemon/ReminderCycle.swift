import Foundation
import Logging
import RelanceCore
import RelanceMail
import RelanceStore

/// One pass of the daemon: read the ledger, plan, send what is due, record every outcome.
///
/// Data flows one way: ledger + config → plan → send → record. The state of each message is committed
/// as `sending` before SMTP is spoken and updated after the server answers, so a crash at any point
/// never produces a second copy.
public struct ReminderCycle: Sendable {
    public let configuration: RelanceConfiguration
    public let planner: ReminderPlanner
    public let composer: MessageComposer
    public let store: any ReminderStore
    /// The SMTP connections (`smtp.max_connections`); the first also carries retries and the digest.
    public let transports: [any MessageTransport]
    public var transport: any MessageTransport { transports[0] }
    public let logger: Logger
    public let retry: RetryPolicy
    /// When the server answered, on the same timeline as the cycle's `now` (`--now` plus elapsed time).
    public let clock: DaemonClock
    /// The ledger file whose bad rows an earlier cycle of this daemon logged: while it is unchanged they
    /// are not logged again (`cycle.done` still counts them as `rejected_rows`).
    var rejectedRowsReported: LedgerFileStamp?

    public init(
        configuration: RelanceConfiguration, composer: MessageComposer, store: any ReminderStore,
        transports: [any MessageTransport], logger: Logger, retry: RetryPolicy = RetryPolicy(),
        clock: DaemonClock = DaemonClock(pretendStart: nil)
    ) {
        self.configuration = configuration
        self.planner = ReminderPlanner(configuration: configuration)
        self.composer = composer
        self.store = store
        precondition(!transports.isEmpty, "at least one transport")
        self.transports = transports
        self.logger = logger
        self.retry = retry
        self.clock = clock
    }

    /// Runs one cycle at the instant `now` (the real clock, or `--now`).
    ///
    /// `shouldContinue` is asked before each message: a stop request lets the message in flight finish
    /// and record, then ends the cycle.
    public func run(now: Date, shouldContinue: @Sendable () -> Bool = { true }) async throws -> CycleReport {
        var report = CycleReport(startedAt: now)
        let elapsed = ContinuousClock().now
        // Every task the cycle opens counts (a step's, a message's, a hold's end, an address given up).
        let lastTask = try store.lastTaskID()
        let snapshot: LedgerSnapshot
        do {
            snapshot = try LedgerSnapshot.read(configuration, settledAt: now)
            FreedMemory.release()  // a big ledger's parse leaves freed pages behind
        } catch {
            report.heldReason = error.description
            if let wait = error.retryAfter { report.nextWakeAt = now.addingTimeInterval(wait) }
            logger.error("ledger.unreadable", metadata: ["path": "\(error.path)", "error": "\(error.message)"])
            try finish(&report, since: elapsed, tasksAfter: lastTask)
            return report
        }
        // A daemon logs a file's bad rows once, not at every cycle while the file stays as it is.
        if snapshot.stamp == nil || snapshot.stamp != rejectedRowsReported {
            for row in snapshot.rejected {
                logger.warning(
                    "ledger.row_rejected",
                    metadata: ["file": "\(snapshot.path)", "line": "\(row.line)", "field": "\(row.field ?? "-")", "reason": "\(row.reason)"])
            }
        }
        report.ledgerStamp = snapshot.stamp
        report.rejectedRows = snapshot.rejected.count
        if let reason = LedgerFreshness(modified: snapshot.modified, now: now, maxAgeHours: configuration.ledger.maxAgeHours).heldReason {
            report.heldReason = reason
            logger.warning("send.held", metadata: ["reason": "\(reason)", "path": "\(snapshot.path)"])
            try finish(&report, since: elapsed, tasksAfter: lastTask)
            return report
        }
        let sync = try store.syncLedger(snapshot.invoices, at: now)
        logger.info("ledger.synced", metadata: [
            "invoices": "\(snapshot.invoices.count)", "added": "\(sync.added)", "changed": "\(sync.changed)",
            "settled": "\(sync.settled)", "vanished": "\(sync.vanished)", "rejected": "\(snapshot.rejected.count)",
        ])
        // What people record from here on (a hold, a payment, a write-off) refuses the messages it concerns
        // when they are committed, however long the cycle lasts: read before anything is planned from.
        let mark = try store.journalMark()
        // The payments file, when there is one: its payments up to today count as the ledger's `paid` does.
        let filePaid: [String: Money]
        switch readPaymentsFile(snapshot, now: now) {
        case .success(let paid): filePaid = paid
        case .failure(let error):
            report.heldReason = error.description
            try finish(&report, since: elapsed, tasksAfter: lastTask)
            return report
        }
        // What people told relance since the export: written-off invoices leave, payments count.
        let invoices = try store.planningView(snapshot.invoices, filePaid: filePaid)
        let closed = try store.closeTasksOfSettled(invoices.filter(\.isSettled).map(\.number), at: now)
        if closed > 0 { logger.info("task.closed", metadata: ["tasks": "\(closed)", "reason": "invoice paid"]) }
        // Holds that end today end first: what they stop, retries included, goes from today.
        let holds = try endHolds(invoices, now: now)
        let retries = try store.dueRetries(at: now)
        // By number only when a retry needs it: a million-entry dictionary is most of a planning pass.
        let open = retries.isEmpty ? [:] : Invoice.byNumber(invoices.filter { !$0.isSettled })
        for message in retries where try shouldContinue() && withinRate(now: now) {
            try await retryDeferred(message, open: open, holds: holds, plannedAt: mark, now: now, report: &report)
        }
        let state = try escalationState(holds: holds, now: now)
        let plan = planner.plan(invoices: invoices, state: state, now: now)
        for advance in plan.approvalsNeeded where try store.requestApproval(advance, at: now) {
            logger.notice("approval.requested", metadata: [
                "client": "\(advance.clientID)", "invoice": "\(advance.invoice)", "step": "\(advance.stepName)",
                "action": "\(advance.action.rawValue)",
            ])
        }
        if !plan.advances.isEmpty {
            do {
                // A `legal` step writes its claim file first, without the invoices under a standing hold.
                try recordAdvances(plan, invoices: invoices, holds: state.holds, now: now)
            } catch StoreError.staleAdvance(let invoice, let step, _, let reached, _) {
                // Another relance process recorded these steps first; the next cycle plans afresh.
                logger.warning("task.skipped", metadata: ["invoice": "\(invoice)", "step": "\(step)", "reason": "already at step \(reached)"])
                try finish(&report, since: elapsed, tasksAfter: lastTask)
                return report
            }
            for task in plan.tasks {
                logger.notice("task.opened", metadata: [
                    "client": "\(task.clientID)", "invoice": "\(task.invoice)", "step": "\(task.stepName)",
                    "action": "\(task.action.rawValue)", "summary": "\(task.summary)",
                ])
            }
        }
        for clientID in plan.blockedClients {
            logger.info("reminder.waiting", metadata: ["client": "\(clientID)", "reason": "an earlier message is still being delivered"])
        }
        report.planned = plan.messages.count
        try await deliver(
            plan.dueMessages, plannedAt: mark, now: now, report: &report,
            ledgerUnchanged: { LedgerFileStamp(path: snapshot.path) == snapshot.stamp }, shouldContinue: shouldContinue)
        if report.leftForNewerLedger > 0 {
            logger.notice("ledger.changed", metadata: [
                "path": "\(snapshot.path)", "waiting": "\(report.leftForNewerLedger)",
                "reason": .string("a newer export arrived during the delivery; what was not yet committed is planned again "
                    + "from it at once"),
            ])
        }
        if report.throttled > 0 {
            logger.notice("reminder.throttled", metadata: [
                "waiting": "\(report.throttled)", "max_per_minute": "\(configuration.smtp.maxPerMinute)",
                "reason": "smtp.max_per_minute reached; the rest go at the next cycle",
            ])
        }
        if shouldContinue() { try await sendDigestIfDue(invoices: invoices, now: now) }
        // Messages refused for what a person recorded meanwhile, or left for a newer export, are planned
        // again at once.
        let planAgain = report.replanned > 0 || report.leftForNewerLedger > 0
        report.nextWakeAt = planAgain ? now : try nextWake(after: now, plan: plan)
        try finish(&report, since: elapsed, tasksAfter: lastTask)
        return report
    }

    /// Whether another message may start now under `smtp.max_per_minute` (attempts of the last minute).
    func withinRate(now: Date) throws -> Bool {
        try store.attemptsStarted(since: now.addingTimeInterval(-60)) < configuration.smtp.maxPerMinute
    }

    /// The next instant something becomes due: a threshold, a waiting message's window, a deferred retry.
    private func nextWake(after now: Date, plan: Plan) throws -> Date? {
        var candidates = plan.messages.filter { !$0.isDue }.map(\.sendAt)
        // Messages held back by max_per_minute go when the oldest attempt of the minute falls out of it.
        if try !withinRate(now: now) { candidates.append(now.addingTimeInterval(60)) }
        if let threshold = plan.nextThresholdAt { candidates.append(threshold) }
        if let digest = OperatorDigest(configuration: configuration, store: store).next(after: now) { candidates.append(digest) }
        for message in try store.deferredSchedule() {
            let at = max(message.nextAttemptAt ?? now, now)
            if let client = configuration.client(message.clientID),
                let opening = planner.window(for: client).nextOpening(atOrAfter: at)
            {
                candidates.append(opening)
            }
        }
        return candidates.filter { $0 > now }.min()
    }

    /// Stamps the end (the cycle's instant plus the real time spent, so `--now` runs stay coherent) and
    /// stores the summary.
    private func finish(
        _ report: inout CycleReport, since start: ContinuousClock.Instant, tasksAfter lastTask: Int64
    ) throws {
        report.tasks = Int(try store.lastTaskID() - lastTask)
        let spent = ContinuousClock().now - start
        report.finishedAt = report.startedAt.addingTimeInterval(
            Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18)
        try store.recordCycle(report.record)
    }
}

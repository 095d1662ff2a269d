import Foundation
import RelanceStore

/// What one cycle did: the stored `CycleRecord` (planned, sent, deferred, failed, unknown, tasks, why held)
/// plus what only the daemon needs (for the `cycle.done` line, STATUS= and the next sleep).
@dynamicMemberLookup
public struct CycleReport: Sendable, Hashable {
    /// The store's form of this report.
    public var record: CycleRecord
    public var cancelled = 0
    /// Due messages held back by `smtp.max_per_minute` for the next cycle.
    public var throttled = 0
    public var rejectedRows = 0
    /// Messages refused at their commit because a person recorded a hold, payment or write-off for them
    /// after the cycle planned them: the daemon plans again at once.
    public var replanned = 0
    /// Due messages left uncommitted because a newer ledger export arrived during the delivery: the daemon
    /// plans again at once, from it.
    public var leftForNewerLedger = 0
    /// The next instant something becomes due (for the daemon's sleep), if known.
    public var nextWakeAt: Date?
    /// The ledger file as this cycle read it: the next cycle does not log its bad rows again while it is
    /// unchanged (`ReminderCycle.rejectedRowsReported`).
    var ledgerStamp: LedgerFileStamp?

    public init(startedAt: Date) {
        record = CycleRecord(startedAt: startedAt, finishedAt: startedAt)
    }

    /// Adds the counts of a part of the cycle (one message sent over one connection).
    public mutating func absorb(_ part: CycleReport) {
        record.sent += part.sent
        record.deferred += part.deferred
        record.failed += part.failed
        record.unknown += part.unknown
        record.tasks += part.tasks
        cancelled += part.cancelled
        replanned += part.replanned
    }

    public subscript<T>(dynamicMember keyPath: WritableKeyPath<CycleRecord, T>) -> T {
        get { record[keyPath: keyPath] }
        set { record[keyPath: keyPath] = newValue }
    }
}

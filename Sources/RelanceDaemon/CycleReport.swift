import Foundation
import RelanceStore

/// What one cycle did, for the `cycle.done` log line, the store and sd_notify's STATUS.
public struct CycleReport: Sendable, Hashable {
    public var startedAt: Date
    public var finishedAt: Date
    public var planned = 0
    public var sent = 0
    public var deferred = 0
    public var failed = 0
    public var unknown = 0
    public var cancelled = 0
    /// Due messages held back by `smtp.max_per_minute` for the next cycle.
    public var throttled = 0
    public var tasks = 0
    public var rejectedRows = 0
    /// Why sends were held (stale or unreadable ledger), if they were.
    public var heldReason: String?
    /// The next instant something becomes due (for the daemon's sleep), if known.
    public var nextWakeAt: Date?

    public init(startedAt: Date) {
        self.startedAt = startedAt
        self.finishedAt = startedAt
    }

    /// The store's form of this report.
    public var record: CycleRecord {
        var r = CycleRecord(startedAt: startedAt, finishedAt: finishedAt)
        r.planned = planned
        r.sent = sent
        r.deferred = deferred
        r.failed = failed
        r.unknown = unknown
        r.tasks = tasks
        r.heldReason = heldReason
        return r
    }
}

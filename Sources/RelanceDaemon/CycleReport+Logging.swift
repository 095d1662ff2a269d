import Logging

extension CycleReport {
    /// The fields of the `event=cycle.done` line.
    public var logMetadata: Logger.Metadata {
        let r = record
        var m: Logger.Metadata = [
            "planned": "\(r.planned)", "sent": "\(r.sent)", "deferred": "\(r.deferred)", "failed": "\(r.failed)",
            "unknown": "\(r.unknown)", "tasks": "\(r.tasks)", "rejected_rows": "\(rejectedRows)",
            "duration_ms": "\(Int(r.finishedAt.timeIntervalSince(r.startedAt) * 1000))",
        ]
        if cancelled > 0 { m["cancelled"] = "\(cancelled)" }
        if throttled > 0 { m["throttled"] = "\(throttled)" }
        if let held = r.heldReason { m["held"] = "\(held)" }
        return m
    }
}

import Logging

extension CycleReport {
    /// The fields of the `event=cycle.done` line.
    public var logMetadata: Logger.Metadata {
        var m: Logger.Metadata = [
            "planned": "\(planned)", "sent": "\(sent)", "deferred": "\(deferred)", "failed": "\(failed)",
            "unknown": "\(unknown)", "tasks": "\(tasks)", "rejected_rows": "\(rejectedRows)",
            "duration_ms": "\(Int(finishedAt.timeIntervalSince(startedAt) * 1000))",
        ]
        if cancelled > 0 { m["cancelled"] = "\(cancelled)" }
        if throttled > 0 { m["throttled"] = "\(throttled)" }
        if let heldReason { m["held"] = "\(heldReason)" }
        return m
    }
}

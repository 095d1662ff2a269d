/// What a cycle does with a deferred message whose retry time has come (`ReminderPlanner.reviewRetry`).
public enum RetryDecision: Sendable, Hashable {
    /// Try it again, listing these invoices (the message's, less those settled, gone or on hold).
    case send(invoices: [String])
    /// Every invoice still owed is under one of these holds: not tried, kept for when a hold ends.
    case wait(holds: [Int64])
    /// Not to be sent any more; the planner takes over what is still owed.
    case cancel(reason: String)
}

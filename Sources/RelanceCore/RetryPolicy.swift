import Foundation

/// How long a deferred message waits before its next attempt: doubling from `first`, capped at `maximum`.
public struct RetryPolicy: Sendable, Hashable {
    public var first: TimeInterval
    public var maximum: TimeInterval

    public init(first: TimeInterval = 15 * 60, maximum: TimeInterval = 24 * 3600) {
        self.first = first
        self.maximum = maximum
    }

    /// The delay after attempt number `attempt` (1-based) was deferred: 15 min, 30 min, 1 h, 2 h … 24 h.
    public func delay(afterAttempt attempt: Int) -> TimeInterval {
        let exponent = min(max(attempt - 1, 0), 30)
        return min(first * pow(2, Double(exponent)), maximum)
    }
}

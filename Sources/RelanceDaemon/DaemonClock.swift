import Foundation

/// The daemon's notion of now: the real clock, or `--now` plus the real time elapsed since start.
public struct DaemonClock: Sendable {
    private let pretendStart: Date?
    private let realStart: ContinuousClock.Instant

    public init(pretendStart: Date?) {
        self.pretendStart = pretendStart
        realStart = ContinuousClock().now
    }

    public func now() -> Date {
        guard let pretendStart else { return Date() }
        let elapsed = ContinuousClock().now - realStart
        return pretendStart.addingTimeInterval(elapsed.timeInterval)
    }
}

extension Duration {
    /// Seconds as a `TimeInterval`.
    public var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

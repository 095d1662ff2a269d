/// An address that keeps answering "try again later" is treated like one refused for good.
///
/// A 5xx marks an address undeliverable at once. A 4xx (mailbox full, greylisting, "451 try again") is
/// retried; when the same address gets `smtp.undeliverable_after_deferrals` of them in a row, across
/// messages and cycles, with no acceptance in between, it is marked undeliverable as a 5xx would be.
/// Failures that are not the address's fault are not counted and do not break a run: no SMTP code at
/// all (connection refused, DNS, timeout, TLS), 421 (the server closing the channel for everyone) and
/// refused authentication (a configuration problem).
public enum AddressDeferrals {
    /// One finished delivery attempt of a message addressed to the address.
    public struct Attempt: Sendable, Hashable {
        public var outcome: MessageState
        public var code: Int?
        public var reply: String

        public init(outcome: MessageState, code: Int?, reply: String) {
            self.outcome = outcome
            self.code = code
            self.reply = reply
        }
    }

    /// How one attempt bears on the address.
    public enum Verdict: Sendable, Hashable {
        /// Accepted: the run of deferrals starts again.
        case reachedIt
        /// Deferred with a 4xx that concerns the address.
        case deferredIt
        /// Nothing to say about the address (connection failure, 421, authentication, unknown fate).
        case neutral
    }

    /// The verdict of one attempt.
    public static func verdict(_ attempt: Attempt) -> Verdict {
        switch attempt.outcome {
        case .sent:
            return .reachedIt
        case .deferred:
            guard let code = attempt.code, (400..<500).contains(code), code != 421 else { return .neutral }
            return attempt.reply.hasPrefix("authentication failed") ? .neutral : .deferredIt
        default:
            return .neutral
        }
    }

    /// The counted deferrals at the end of `attempts` (oldest first), back to the last acceptance.
    public static func streak(_ attempts: [Attempt]) -> Int {
        var count = 0
        for attempt in attempts.reversed() {
            switch verdict(attempt) {
            case .reachedIt: return count
            case .deferredIt: count += 1
            case .neutral: continue
            }
        }
        return count
    }

    /// Whether the address has now failed too often: `streak(attempts) >= limit`.
    public static func isUndeliverable(_ attempts: [Attempt], limit: Int) -> Bool {
        streak(attempts) >= max(limit, 1)
    }
}

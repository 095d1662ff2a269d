/// How the SMTP server answered one delivery attempt, classified for the state machine.
public enum DeliveryOutcome: Sendable, Hashable {
    /// 2xx after the final dot: the server took the message.
    case accepted(code: Int, reply: String)
    /// 4xx, refused connection, timeout before DATA, TLS or network error: nothing was delivered; retry later.
    case transient(code: Int?, reply: String)
    /// 5xx: the server refused the message for good.
    case permanent(code: Int, reply: String)
    /// The connection broke or timed out while waiting for the answer to the final dot: the message
    /// may have been delivered. Never resent automatically.
    case unknown(reason: String)

    /// The SMTP reply code, if any.
    public var code: Int? {
        switch self {
        case .accepted(let c, _), .permanent(let c, _): return c
        case .transient(let c, _): return c
        case .unknown: return nil
        }
    }

    /// The server's reply text (or the transport's description of what went wrong).
    public var reply: String {
        switch self {
        case .accepted(_, let r), .transient(_, let r), .permanent(_, let r): return r
        case .unknown(let r): return r
        }
    }

    /// The message state this outcome leads to.
    public var resultingState: MessageState {
        switch self {
        case .accepted: return .sent
        case .transient: return .deferred
        case .permanent: return .failed
        case .unknown: return .unknown
        }
    }
}

/// The life of one reminder message: `planned → sending → sent | deferred | failed | unknown`.
///
/// `sending` is committed before SMTP is spoken; a message found in `sending` at start-up becomes
/// `unknown` and is never resent automatically. `deferred` is retried later; `cancelled` means a
/// deferred message whose invoices were all settled before it could be retried.
public enum MessageState: String, Sendable, Hashable, CaseIterable {
    case planned, sending, sent, deferred, failed, unknown, cancelled

    /// Whether the message has reached a final state.
    public var isFinal: Bool {
        switch self {
        case .sent, .failed, .unknown, .cancelled: return true
        case .planned, .sending, .deferred: return false
        }
    }
}

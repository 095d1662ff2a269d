import Foundation
import RelanceMail

/// The bookkeeping of one cycle's delivery, without any I/O: which messages are committed as `sending`
/// and wait for a connection, which connections are free, failing or backing off, and which answers
/// wait to be recorded. `ReminderCycle.deliver` drives it; it is a value so that it can be tested alone.
///
/// - **Lead**: at most `lead` messages are committed `sending` ahead of the connections. A crash turns
///   those into `unknown` (never resent), so the lead starts small (one per connection) and doubles,
///   up to `maxLeadPerConnection` per connection, only while connections sit idle waiting for the
///   next group commit; any answer other than an acceptance brings it back down.
/// - **Reconnecting**: an answer whose connection failed before the DATA phase (`SMTPAnswer.connectionFailed`)
///   puts its message back at the head of the queue, for another connection, at most `maxReconnects`
///   times, and only while some connection is healthy (its last answer came through). The failed
///   connection is re-opened after a backoff (50 ms, doubling, at most 2 s). When every connection
///   fails (the server is down) nothing waits and nothing is retried: the answers are recorded
///   (`deferred`) as they come. An answer that may have been delivered is never retried.
struct DeliveryPipeline<Message: Sendable> {
    /// A message committed as `sending`, waiting for a connection.
    struct Queued: Sendable {
        var message: Message
        /// How many times a failed connection already gave it back.
        var reconnects = 0
    }

    /// What to do with a message's answer.
    enum Disposition: Equatable {
        /// Record it.
        case record
        /// It went back to the queue for another connection (nothing was delivered).
        case retry
    }

    static var maxReconnects: Int { 3 }
    /// Kept small on purpose: everything committed ahead becomes `unknown` after a crash, and each
    /// `unknown` is a message for the operator to check (with 32, a `kill -9` campaign left 51 of 60
    /// reminders `unknown`, 40 of them never spoken). Trust before speed.
    static var maxLeadPerConnection: Int { 4 }
    static var firstBackoff: Duration { .milliseconds(50) }
    static var longestBackoff: Duration { .seconds(2) }

    let connections: Int
    private(set) var lead: Int
    private(set) var queue: [Queued] = []
    private var head = 0
    private var busy: [Bool]
    /// Consecutive connection failures of each connection (0: healthy).
    private(set) var failures: [Int]

    init(connections: Int) {
        precondition(connections > 0)
        self.connections = connections
        lead = connections
        busy = Array(repeating: false, count: connections)
        failures = Array(repeating: 0, count: connections)
    }

    /// Messages committed and waiting for a connection.
    var waiting: Int { queue.count - head }

    /// How many more messages may be committed as `sending` now.
    var room: Int { max(0, lead - waiting) }

    /// Whether a connection is free.
    var anyIdle: Bool { busy.contains(false) }

    /// Committed messages join the queue.
    mutating func enqueue(_ messages: [Message]) {
        queue.append(contentsOf: messages.map { Queued(message: $0) })
    }

    /// The next message for a free connection, healthy connections first, with the backoff to wait
    /// before speaking on it (zero unless that connection failed and another one is healthy).
    mutating func nextStart() -> (connection: Int, queued: Queued, backoff: Duration)? {
        guard head < queue.count else { return nil }
        let free = busy.indices.filter { !busy[$0] }
        guard let connection = free.min(by: { failures[$0] < failures[$1] }) else { return nil }
        busy[connection] = true
        let queued = queue[head]
        head += 1
        if head > 1024 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return (connection, queued, backoff(for: connection))
    }

    /// A stop: the messages committed and not yet handed to a connection leave the queue (to be recorded
    /// as never spoken), oldest first.
    mutating func withdrawWaiting() -> [Queued] {
        let waiting = Array(queue[head...])
        queue.removeAll()
        head = 0
        return waiting
    }

    /// A group commit is under way and a connection is idle for want of messages: commit more at a time.
    mutating func starved() {
        if waiting == 0 && busy.contains(false) { lead = min(lead * 2, Self.maxLeadPerConnection * connections) }
    }

    /// Records the answer of `connection` to `queued` and frees the connection.
    mutating func answered(_ queued: Queued, on connection: Int, _ answer: SMTPAnswer) -> Disposition {
        busy[connection] = false
        if case .accepted = answer.outcome {} else { lead = connections }
        guard answer.connectionFailed else {
            failures[connection] = 0
            return .record
        }
        failures[connection] += 1
        let otherHealthy = failures.indices.contains { $0 != connection && failures[$0] == 0 }
        guard otherHealthy, queued.reconnects < Self.maxReconnects else { return .record }
        var again = queued
        again.reconnects += 1
        // Back at the head: it keeps its place in the cycle's order.
        if head > 0 {
            head -= 1
            queue[head] = again
        } else {
            queue.insert(again, at: 0)
        }
        return .retry
    }

    /// How long `connection` waits before it speaks again.
    func backoff(for connection: Int) -> Duration {
        let failed = failures[connection]
        guard failed > 0, failures.contains(0) else { return .zero }
        let factor = 1 << min(failed - 1, 10)
        return min(Self.firstBackoff * factor, Self.longestBackoff)
    }
}

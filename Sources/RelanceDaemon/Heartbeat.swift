import Foundation

/// Whether the scheduler loop is alive, for the systemd watchdog: it beats before each cycle and each
/// message, and is alive while it waits for the next event.
final class Heartbeat: @unchecked Sendable {
    // Guarded by `lock`; a class because the loop and the watchdog task share it.
    private let lock = NSLock()
    private var waiting = false
    private var last = ContinuousClock().now

    func beat() {
        lock.withLock {
            waiting = false
            last = ContinuousClock().now
        }
    }

    func startWaiting() { lock.withLock { waiting = true } }

    /// Waiting, or beat within `limit`.
    func isAlive(within limit: Duration) -> Bool {
        lock.withLock { waiting || ContinuousClock().now - last < limit }
    }
}

/// A flag set once, read from anywhere.
final class StopFlag: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var set = false

    func raise() { lock.withLock { set = true } }
    var isRaised: Bool { lock.withLock { set } }
}

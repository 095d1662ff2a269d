import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Talks to systemd through the `sd_notify` protocol, without libsystemd.
///
/// Each notification is ONE datagram of newline-separated `KEY=VALUE` assignments, sent over an
/// `AF_UNIX`/`SOCK_DGRAM` socket to the address in `$NOTIFY_SOCKET`: a file system path, or an
/// abstract socket when it starts with `@` (the `@` becomes a leading NUL byte).
///
/// Without `NOTIFY_SOCKET` (not started by systemd, or a unit that is not `Type=notify`) every
/// call does nothing. Errors are swallowed — a notification must never take the daemon down — but
/// counted in ``failureCount`` so that tests and diagnostics can see them.
///
/// ```swift
/// let systemd = SystemdNotifier()
/// systemd.ready()
/// systemd.status("3 sent, 1 deferred; next cycle 09:00")
/// ```
public struct SystemdNotifier: Sendable {
    /// The value of `$NOTIFY_SOCKET`, or `nil` when notifications are disabled.
    public let socketAddress: String?

    /// How often ``watchdog()`` must be called: half of `$WATCHDOG_USEC`, when the unit sets
    /// `WatchdogSec=` and `$WATCHDOG_PID` is absent or names this process; `nil` otherwise.
    public let watchdogInterval: Duration?

    private let counters = Counters()

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let address = environment["NOTIFY_SOCKET"], !address.isEmpty {
            socketAddress = address
        } else {
            socketAddress = nil
        }
        watchdogInterval = Self.watchdogInterval(environment: environment, pid: Int64(getpid()))
    }

    /// Whether `$NOTIFY_SOCKET` is set, so that notifications are actually sent.
    public var isEnabled: Bool { socketAddress != nil }

    /// How many notifications were delivered to the socket.
    public var sentCount: Int { counters.read().sent }

    /// How many notifications could not be delivered (bad address, no listener, …).
    public var failureCount: Int { counters.read().failed }

    // MARK: - The states systemd understands

    /// `READY=1`: start-up is finished (the store is open and the first plan is made).
    @discardableResult
    public func ready() -> Bool { notify("READY=1") }

    /// `RELOADING=1` with `MONOTONIC_USEC=` (the current `CLOCK_MONOTONIC` in µs), as systemd ≥ 253
    /// requires for `Type=notify-reload`; send ``ready()`` when the reload is over.
    @discardableResult
    public func reloading() -> Bool {
        notify("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
    }

    /// `STOPPING=1`: shutdown has begun.
    @discardableResult
    public func stopping() -> Bool { notify("STOPPING=1") }

    /// `STATUS=`: a one-line summary shown by `systemctl status`. Line breaks become spaces.
    @discardableResult
    public func status(_ line: String) -> Bool { notify("STATUS=\(Self.singleLine(line))") }

    /// `WATCHDOG=1`: the keep-alive ping. Send it every ``watchdogInterval``, and only while the
    /// scheduler loop is really alive, so that a hung loop gets the service restarted.
    @discardableResult
    public func watchdog() -> Bool { notify("WATCHDOG=1") }

    // MARK: - Raw notifications

    /// Sends `fields` as one datagram of `KEY=VALUE` lines, in the given order. Line breaks in
    /// values become spaces, since each line is one assignment.
    @discardableResult
    public func notify(_ fields: KeyValuePairs<String, String>) -> Bool {
        notify(fields.map { "\($0.key)=\(Self.singleLine($0.value))" }.joined(separator: "\n"))
    }

    /// Sends `state` (e.g. `"READY=1\nSTATUS=serving"`) verbatim as one datagram.
    /// Returns whether it was delivered; `false` without `NOTIFY_SOCKET`.
    @discardableResult
    public func notify(_ state: String) -> Bool {
        guard let socketAddress else { return false }
        let delivered = Self.send(Array(state.utf8), to: socketAddress)
        counters.record(delivered: delivered)
        return delivered
    }

    // MARK: - Helpers

    static func watchdogInterval(environment: [String: String], pid: Int64) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0 else {
            return nil
        }
        if let pidText = environment["WATCHDOG_PID"], !pidText.isEmpty {
            guard let watchdogPID = Int64(pidText), watchdogPID == pid else { return nil }
        }
        return .microseconds(Int64(clamping: usec / 2))
    }

    static func singleLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    /// `CLOCK_MONOTONIC` in microseconds, the clock systemd compares `MONOTONIC_USEC=` with.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    /// Sends one datagram; `false` on any failure.
    static func send(_ payload: [UInt8], to address: String) -> Bool {
        #if os(Linux)
            var path = Array(address.utf8)
            if path.first == UInt8(ascii: "@") { path[0] = 0 }  // abstract namespace
            var socketAddress = sockaddr_un()
            let capacity = MemoryLayout.size(ofValue: socketAddress.sun_path)
            // A path needs room for its terminating NUL; an abstract name does not.
            guard path.first == UInt8(ascii: "/") || path.first == 0,
                path.count < capacity || (path.first == 0 && path.count == capacity)
            else { return false }
            socketAddress.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &socketAddress.sun_path) { bytes in
                bytes.copyBytes(from: path)
            }
            let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)!
            let length = pathOffset + path.count + (path.first == 0 ? 0 : 1)

            let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { return false }
            defer { close(fd) }
            let sent = payload.withUnsafeBytes { buffer in
                withUnsafePointer(to: &socketAddress) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                        sendto(
                            fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), address,
                            socklen_t(length))
                    }
                }
            }
            return sent == payload.count
        #else
            return false
        #endif
    }

    /// Delivery counters shared by every copy of a notifier.
    private final class Counters: @unchecked Sendable {
        private let lock = NSLock()
        private var sent = 0
        private var failed = 0

        func record(delivered: Bool) {
            lock.lock()
            defer { lock.unlock() }
            if delivered { sent += 1 } else { failed += 1 }
        }

        func read() -> (sent: Int, failed: Int) {
            lock.lock()
            defer { lock.unlock() }
            return (sent, failed)
        }
    }
}

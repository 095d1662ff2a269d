/// Why the daemon's sleep ends.
enum DaemonEvent: Sendable {
    /// The timer of sleep number `generation` fired (older timers are ignored).
    case timer(generation: Int)
    /// The ledger or payments file changed on disk.
    case ledgerChanged
    /// SIGHUP: re-read config, templates and ledger.
    case reload
    /// SIGTERM / SIGINT: finish the message in flight, record it, exit.
    case stop
}

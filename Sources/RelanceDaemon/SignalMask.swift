#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signals the daemon reacts to must reach it even when its parent started it with them blocked
/// (a child of a Swift async or Dispatch thread inherits an almost full signal mask; systemd does not
/// do this, other supervisors and test harnesses may).
public enum SignalMask {
    /// Unblocks SIGTERM, SIGINT and SIGHUP in the calling thread (call it first thing in `main`).
    public static func unblockDaemonSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGHUP)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}

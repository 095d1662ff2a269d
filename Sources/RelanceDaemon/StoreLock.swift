import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The right to send from one store: an exclusive `flock` on `<store>.lock`, taken by `relance run`
/// once the store is open (which creates its folder and brings its schema up to date) and before the
/// messages left in `sending` are looked at, and held for as long as it runs.
///
/// At start-up `relance run` turns every message left in `sending` into `unknown`: a crash interrupted
/// it. That is only true when no other process is sending from the same store. Without this lock, a
/// `relance run --once` started beside the daemon would take the daemon's messages in flight for
/// interrupted ones, and the daemon could no longer record their answers. With it, the second `run` is
/// refused at once and touches nothing.
///
/// The kernel releases the lock when its holder ends, however it ends (`kill -9` included), so a
/// lock never outlives the process. The file holds the holder's pid, for the refusal message. It is a
/// file of its own: SQLite's locks on the database are POSIX locks, which closing any other descriptor of
/// the database file in the process would drop.
public final class StoreLock: Sendable {
    /// The lock file: the store's path followed by `.lock`.
    public let path: String
    private let descriptor: Int32

    /// Why the lock could not be taken.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Takes the lock of the store at `storePath`, or throws at once when another process holds it.
    public init(storePath: String) throws(Refusal) {
        path = storePath + ".lock"
        // Readable by all (it holds a pid, nothing secret; the umask may narrow it): a lock file left by
        // another user, root running `relance run` by hand for instance, can still be opened and locked.
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 && errno == EACCES { fd = open(path, O_RDONLY | O_CLOEXEC) }  // another user's file: lock only
        guard fd >= 0 else {
            throw Refusal(description: "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        var result: Int32
        repeat { result = flock(fd, LOCK_EX | LOCK_NB) } while result != 0 && errno == EINTR
        guard result == 0 else {
            let code = errno
            let holder = Self.holder(fd)
            close(fd)
            guard code == EWOULDBLOCK else {
                throw Refusal(description: "cannot lock \(path): \(String(cString: strerror(code)))")
            }
            if holder == getpid() {  // a reload naming this process's store by another path (a symbolic link)
                throw Refusal(
                    description: "this relance process already holds the store \(storePath) under another path")
            }
            throw Refusal(description: """
                another relance process\(holder.map { " (pid \($0))" } ?? "") is running on the store \(storePath): \
                one `relance run` per store (stop the daemon first, for instance `systemctl stop relance`)
                """)
        }
        let pid = Array("\(getpid())\n".utf8)
        if ftruncate(fd, 0) == 0 { _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } }
        descriptor = fd
    }

    deinit { close(descriptor) }  // releases the lock

    /// The pid written by the holder, if the file holds one.
    private static func holder(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int32(text)
    }
}

import Foundation

#if os(Linux)
    import Glibc
    import Synchronization
#endif

/// Watches a few files (the ledger, the payments file) and reports when any of them changes.
///
/// On Linux it uses inotify on each file's *parent folder* (`IN_CLOSE_WRITE`, `IN_MOVED_TO`,
/// `IN_CREATE`, `IN_DELETE`, `IN_ATTRIB`), filtered by file name, so that an export that replaces
/// the file atomically (write a temporary file, then `rename`) is seen as well as one that
/// rewrites it in place. A dedicated thread blocks in `poll(2)` — never on Swift's cooperative
/// pool, no timers — so the watcher costs nothing while idle. Bursts are coalesced: after a
/// change, events keep being absorbed until the folder has been quiet for `settle`, then ONE
/// element is yielded; and ``changes`` buffers at most one pending element.
///
/// On other platforms the watcher is a no-op whose stream only ends on ``stop()``.
///
/// ```swift
/// let watcher = try FileChangeWatcher(paths: [ledgerPath, paymentsPath])
/// for await _ in watcher.changes { await reloadLedger() }
/// ```
public final class FileChangeWatcher: Sendable {
    /// One element per (coalesced) change of a watched file; finishes after ``stop()``.
    public let changes: AsyncStream<Void>

    /// The watched files, as given.
    public let paths: [String]

    /// A folder could not be watched.
    public struct SetupError: Error, Sendable, CustomStringConvertible {
        /// What failed: `inotify_init1`, `inotify_add_watch`, `pipe`.
        public var operation: String
        /// The folder concerned, if any.
        public var path: String?
        /// The `errno` reported.
        public var code: Int32

        public var description: String {
            let reason = String(cString: strerror(code))
            return "\(operation)\(path.map { " \($0)" } ?? ""): \(reason)"
        }
    }

    #if os(Linux)
        private let loop: WatchLoop
    #else
        private let continuation: AsyncStream<Void>.Continuation
    #endif

    /// Starts watching `paths` (files that need not exist yet; their folders must). A symbolic
    /// link is followed: the folder of its target is watched too.
    /// - Parameter settle: how long the folders must stay quiet before a burst is reported.
    public init(paths: [String], settle: Duration = .milliseconds(100)) throws {
        self.paths = paths
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        changes = stream
        #if os(Linux)
            loop = try WatchLoop(paths: paths, settle: settle, continuation: continuation)
            let loop = self.loop
            continuation.onTermination = { _ in loop.requestStop() }
            let thread = Thread { loop.run() }
            thread.name = "relance.inotify"
            thread.start()
        #else
            self.continuation = continuation
        #endif
    }

    /// Stops watching: wakes the thread, which closes the inotify descriptor and finishes
    /// ``changes``. Safe to call more than once.
    public func stop() {
        #if os(Linux)
            loop.requestStop()
        #else
            continuation.finish()
        #endif
    }

    deinit { stop() }
}

#if os(Linux)
    /// The inotify descriptor, the wake-up pipe and the loop that runs on the watcher's thread.
    private final class WatchLoop: Sendable {
        private let inotify: Int32
        private let wakeRead: Int32
        private let wakeWrite: Int32
        /// File names of interest per watch descriptor.
        private let names: [Int32: Set<String>]
        private let settleMilliseconds: Int32
        private let continuation: AsyncStream<Void>.Continuation
        /// `stopRequested`, `closed`: guards the wake-up write against a descriptor already closed.
        private let state = Mutex((stopRequested: false, closed: false))

        init(paths: [String], settle: Duration, continuation: AsyncStream<Void>.Continuation) throws {
            let fd = inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK))
            guard fd >= 0 else { throw FileChangeWatcher.SetupError(operation: "inotify_init1", code: errno) }
            var pipeFDs: [Int32] = [-1, -1]
            guard pipe(&pipeFDs) == 0 else {
                let code = errno
                close(fd)
                throw FileChangeWatcher.SetupError(operation: "pipe", code: code)
            }
            for end in pipeFDs {  // pipe2 is not exported by the Glibc module
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            }
            var byFolder: [String: Set<String>] = [:]
            for path in paths {
                let url = URL(fileURLWithPath: path)
                for file in Set([url.standardizedFileURL, url.resolvingSymlinksInPath()]) {
                    byFolder[file.deletingLastPathComponent().path, default: []].insert(
                        file.lastPathComponent)
                }
            }
            let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB | IN_ONLYDIR)
            var names: [Int32: Set<String>] = [:]
            for (folder, files) in byFolder {
                let wd = inotify_add_watch(fd, folder, mask)
                guard wd >= 0 else {
                    let code = errno
                    close(fd)
                    close(pipeFDs[0])
                    close(pipeFDs[1])
                    throw FileChangeWatcher.SetupError(
                        operation: "inotify_add_watch", path: folder, code: code)
                }
                names[wd, default: []].formUnion(files)
            }
            inotify = fd
            wakeRead = pipeFDs[0]
            wakeWrite = pipeFDs[1]
            self.names = names
            let (seconds, attoseconds) = settle.components
            settleMilliseconds = Int32(clamping: seconds * 1_000 + attoseconds / 1_000_000_000_000_000)
            self.continuation = continuation
        }

        /// Asks the loop to end; it closes the descriptors itself, so none is closed while in use.
        func requestStop() {
            state.withLock { state in
                guard !state.stopRequested, !state.closed else { return }
                state.stopRequested = true
                var byte: UInt8 = 1
                _ = write(wakeWrite, &byte, 1)
            }
        }

        /// The thread's body: block until a relevant change, absorb the burst, yield, repeat.
        func run() {
            defer { finish() }
            while true {
                guard let changed = waitAndDrain(timeout: -1) else { return }
                guard changed else { continue }
                // Coalesce: keep absorbing events until the folders have been quiet for `settle`, but
                // report within ten settle periods even if a file never stops changing.
                let deadline = ContinuousClock.now + .milliseconds(10 * Int(settleMilliseconds))
                while ContinuousClock.now < deadline {
                    guard let more = waitAndDrain(timeout: settleMilliseconds) else { return }
                    if !more { break }
                }
                continuation.yield()
            }
        }

        /// Waits up to `timeout` ms (-1: forever) and reads every pending event. Returns whether a
        /// watched file changed, or `nil` when the loop must end (stop requested, or an error).
        private func waitAndDrain(timeout: Int32) -> Bool? {
            var fds = [
                pollfd(fd: inotify, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            var ready: Int32
            repeat { ready = poll(&fds, 2, timeout) } while ready < 0 && errno == EINTR
            if ready < 0 || fds[1].revents != 0 { return nil }
            if ready == 0 { return false }
            if fds[0].revents & Int16(POLLIN) == 0 { return nil }  // POLLERR / POLLHUP / POLLNVAL
            return drain()
        }

        /// Reads the queued inotify events; returns whether one concerns a watched file, or `nil`
        /// on a read error.
        private func drain() -> Bool? {
            let capacity = 64 * 1024
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
            defer { buffer.deallocate() }
            var changed = false
            while true {
                let count = read(inotify, buffer, capacity)
                if count < 0 {
                    if errno == EINTR { continue }
                    return (errno == EAGAIN || errno == EWOULDBLOCK) ? changed : nil
                }
                if count == 0 { return changed }
                changed = scan(UnsafeRawBufferPointer(start: buffer, count: count)) || changed
            }
        }

        /// Walks `struct inotify_event { int wd; uint32_t mask, cookie, len; char name[len]; }`.
        private func scan(_ events: UnsafeRawBufferPointer) -> Bool {
            let headerSize = 16
            var offset = 0
            var changed = false
            while offset + headerSize <= events.count {
                let wd = events.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = events.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(events.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = events[
                    (offset + headerSize)..<min(offset + headerSize + length, events.count)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    changed = true  // events were lost: assume the worst
                } else if let files = names[wd], files.contains(name) {
                    changed = true
                }
                offset += headerSize + length
            }
            return changed
        }

        private func finish() {
            state.withLock { state in
                state.closed = true
                close(inotify)
                close(wakeRead)
                close(wakeWrite)
            }
            continuation.finish()
        }
    }
#endif

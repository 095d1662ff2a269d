import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MessageArchive {
    /// One file of a batch: its bytes and its path relative to the state folder.
    struct BatchFile {
        var bytes: [UInt8]
        var relativePath: String
    }

    /// How many `fsync`s of a batch run at once. File systems with a journal (ext4, XFS) commit
    /// concurrent `fsync`s together, so a batch costs a few journal commits instead of one per file.
    static let parallelSyncs = 16

    /// Writes several files as durably as `write(_:relativePath:)` writes one, for a fraction of the
    /// flushes: every file goes to a temporary, the temporaries are fsynced concurrently, renamed into
    /// place, and each folder involved (up to the state folder) is fsynced once for the whole batch.
    /// Returns, per file and in order, nil when it is durably in place or the reason it is not.
    func writeAll(_ files: [BatchFile]) -> [WriteError?] {
        var failures = [WriteError?](repeating: nil, count: files.count)
        var temporaries = [String](repeating: "", count: files.count)
        var targets = [URL?](repeating: nil, count: files.count)
        var descriptors = [Int32](repeating: -1, count: files.count)
        var createdFolders = Set<String>()
        for (index, file) in files.enumerated() {
            guard let target = url(relativePath: file.relativePath) else {
                failures[index] = WriteError(description: "invalid archive path \(file.relativePath)")
                continue
            }
            let folder = target.deletingLastPathComponent()
            if !createdFolders.contains(folder.path) {
                do {
                    try FileManager.default.createDirectory(
                        at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
                    createdFolders.insert(folder.path)
                } catch {
                    failures[index] = WriteError(description: "cannot create \(folder.path): \(error.localizedDescription)")
                    continue
                }
            }
            let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp").path
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
            guard fd >= 0 else {
                failures[index] = Self.posixError("cannot create \(temporary)")
                continue
            }
            if let failure = Self.writeFully(fd, file.bytes, path: temporary) {
                close(fd)
                unlink(temporary)
                failures[index] = failure
                continue
            }
            temporaries[index] = temporary
            targets[index] = target
            descriptors[index] = fd
        }
        let syncErrors = Self.fsyncConcurrently(descriptors)
        for index in files.indices where descriptors[index] >= 0 {
            var failure: WriteError?
            if syncErrors[index] != 0 {
                failure = WriteError(description: "cannot fsync \(temporaries[index]): \(String(cString: strerror(syncErrors[index])))")
            }
            if close(descriptors[index]) != 0 && failure == nil { failure = Self.posixError("cannot close \(temporaries[index])") }
            if failure == nil, let target = targets[index], rename(temporaries[index], target.path) != 0 {
                failure = Self.posixError("cannot rename \(temporaries[index]) to \(target.path)")
            }
            if let failure {
                unlink(temporaries[index])
                failures[index] = failure
            }
        }
        // The new names (and any folder just created) must reach the disk too: each folder once.
        var synced = Set<String>()
        for folderPath in createdFolders.sorted() {
            var dir = URL(fileURLWithPath: folderPath)
            while dir.path.count >= stateFolder.path.count {
                if synced.insert(dir.path).inserted {
                    do {
                        try Self.fsyncFolder(dir.path)
                    } catch {
                        let failure = error as? WriteError ?? WriteError(description: "\(error)")
                        for index in files.indices where failures[index] == nil
                            && targets[index]?.path.hasPrefix(dir.path + "/") == true
                        {
                            failures[index] = failure
                        }
                    }
                }
                if dir.path == stateFolder.path { break }
                dir = dir.deletingLastPathComponent()
            }
        }
        return failures
    }

    private static func writeFully(_ fd: Int32, _ bytes: [UInt8], path: String) -> WriteError? {
        var written = 0
        var failure: WriteError?
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = posixError("cannot write \(path)")
                    return
                }
                written += n
            }
        }
        return failure
    }

    /// `fsync`s every descriptor that is not -1, `parallelSyncs` at a time; returns each one's `errno`
    /// (0 when it succeeded or was skipped). The syncing threads are made once, on first use, and kept
    /// (`SyncPool`): starting sixteen threads per batch cost more CPU than the rest of the batch's archiving.
    private static func fsyncConcurrently(_ descriptors: [Int32]) -> [Int32] {
        let results = SyncResults(count: descriptors.count)
        let open = descriptors.indices.filter { descriptors[$0] >= 0 }
        guard !open.isEmpty else { return results.values }
        let group = DispatchGroup()
        var jobs: [@Sendable () -> Void] = []
        jobs.reserveCapacity(open.count)
        for index in open {
            let fd = descriptors[index]
            group.enter()
            jobs.append {
                if fsync(fd) != 0 { results.set(index, errno) }
                group.leave()
            }
        }
        SyncPool.shared.run(jobs)
        group.wait()
        return results.values
    }
}

/// `MessageArchive.parallelSyncs` threads that run blocking jobs (`fsync`s), made on first use and
/// kept for the life of the process; idle, they wait on a condition and cost nothing.
private final class SyncPool: @unchecked Sendable {
    // @unchecked Sendable: `jobs` and `started` are only touched while `condition` is locked.
    static let shared = SyncPool(width: MessageArchive.parallelSyncs)

    private let width: Int
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private var started = false

    private init(width: Int) { self.width = width }

    /// Queues the jobs; up to `width` of them run at once, in no particular order.
    func run(_ newJobs: [@Sendable () -> Void]) {
        condition.lock()
        if !started {
            started = true
            for _ in 0..<width {
                let thread = Thread { [unowned self] in self.work() }
                thread.stackSize = 64 * 1024
                thread.start()
            }
        }
        jobs.append(contentsOf: newJobs)
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            while head == jobs.count { condition.wait() }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            }
            condition.unlock()
            job()
        }
    }
}

/// The `errno` of each `fsync` of a batch, written by the syncing threads at distinct indices.
private final class SyncResults: @unchecked Sendable {
    // @unchecked Sendable: each index is written by one thread only, and read after all of them
    // finished (DispatchGroup.wait orders the writes before the read); the lock makes that explicit.
    private let lock = NSLock()
    private var storage: [Int32]

    init(count: Int) { storage = [Int32](repeating: 0, count: count) }

    func set(_ index: Int, _ value: Int32) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [Int32] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

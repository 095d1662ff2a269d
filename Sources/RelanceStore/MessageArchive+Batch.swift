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
    /// place, and each folder that received a file is fsynced once for the whole batch. A folder this
    /// process has not yet seen durably in place (`DurableFolders`) is created if needed and fsynced with
    /// every folder above it up to the state folder, once; later batches fsync only the folders their
    /// files were renamed into (three fewer folder fsyncs per batch, no `mkdir -p` walk per batch).
    /// Returns, per file and in order, nil when it is durably in place or the reason it is not.
    func writeAll(_ files: [BatchFile]) -> [WriteError?] {
        var failures = [WriteError?](repeating: nil, count: files.count)
        var temporaries = [String](repeating: "", count: files.count)
        var targets = [String?](repeating: nil, count: files.count)
        var descriptors = [Int32](repeating: -1, count: files.count)
        let root = stateFolder.path
        var leafFolders = Set<String>()  // folders that receive a file: fsynced after the renames
        var newFolders = Set<String>()  // folders not yet known durable: fsynced up to the state folder
        for (index, file) in files.enumerated() {
            guard Self.isArchivePath(file.relativePath), let slash = file.relativePath.lastIndex(of: "/") else {
                failures[index] = WriteError(description: "invalid archive path \(file.relativePath)")
                continue
            }
            let folder = root + "/" + file.relativePath[..<slash]
            let target = root + "/" + file.relativePath
            if !leafFolders.contains(folder) && !DurableFolders.shared.contains(folder) {
                if let failure = Self.makeFolder(folder) {
                    failures[index] = failure
                    continue
                }
                newFolders.insert(folder)
            }
            leafFolders.insert(folder)
            let temporary = folder + "/." + file.relativePath[file.relativePath.index(after: slash)...] + "." + String(getpid()) + ".tmp"
            var fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
            if fd < 0 && errno == ENOENT && !newFolders.contains(folder) {
                // A folder known durable was removed behind our back: made again, and fsynced up again.
                DurableFolders.shared.forget(folder)
                if Self.makeFolder(folder) == nil {
                    newFolders.insert(folder)
                    fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
                }
            }
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
            if failure == nil, let target = targets[index], rename(temporaries[index], target) != 0 {
                failure = Self.posixError("cannot rename \(temporaries[index]) to \(target)")
            }
            if let failure {
                unlink(temporaries[index])
                failures[index] = failure
            }
        }
        // The new names must reach the disk: each folder that received a file once, and for a folder not
        // yet known durable, every folder above it too (any of them may have just been created).
        let toSync = leafFolders.union(newFolders.flatMap { Self.chain(from: $0, upTo: root) })
        var syncFailures: [String: WriteError] = [:]
        for dir in toSync.sorted(by: { $0.count > $1.count }) {
            do {
                try Self.fsyncFolder(dir)
            } catch {
                syncFailures[dir] = error as? WriteError ?? WriteError(description: "\(error)")
            }
        }
        for (dir, failure) in syncFailures {
            for index in files.indices where failures[index] == nil && targets[index]?.hasPrefix(dir + "/") == true {
                failures[index] = failure
            }
        }
        for folder in newFolders where Self.chain(from: folder, upTo: root).allSatisfy({ syncFailures[$0] == nil }) {
            DurableFolders.shared.insert(folder)
        }
        return failures
    }

    /// `folder` and every folder above it up to `root` (included).
    private static func chain(from folder: String, upTo root: String) -> [String] {
        var chain = [folder]
        var dir = folder
        while dir.count > root.count, let slash = dir.lastIndex(of: "/") {
            dir = String(dir[..<slash])
            chain.append(dir)
        }
        return chain
    }

    /// Creates `folder` and the folders above it (`0750`); the reason when that fails.
    private static func makeFolder(_ folder: String) -> WriteError? {
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            return nil
        } catch {
            return WriteError(description: "cannot create \(folder): \(error.localizedDescription)")
        }
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
        if open.count == 1 {  // nothing to overlap: no hand-off to a syncing thread and back
            if fsync(descriptors[open[0]]) != 0 { results.set(open[0], errno) }
            return results.values
        }
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
        // One waiting thread per job: a broadcast woke all of them for every batch, most to find nothing.
        for _ in 0..<min(newJobs.count, width) { condition.signal() }
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

/// The archive folders this process created or found, and fsynced with every folder above them up to
/// the state folder: a new file in one of them needs only that folder fsynced to be found after a power loss.
private final class DurableFolders: @unchecked Sendable {
    // @unchecked Sendable: `folders` is only touched while `lock` is held.
    static let shared = DurableFolders()

    private let lock = NSLock()
    private var folders = Set<String>()

    func contains(_ folder: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return folders.contains(folder)
    }

    func insert(_ folder: String) {
        lock.lock()
        folders.insert(folder)
        lock.unlock()
    }

    func forget(_ folder: String) {
        lock.lock()
        folders.remove(folder)
        lock.unlock()
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

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A file system mounted over a test's state folder, so that the real binary meets a disk that fills up
/// or a folder it cannot write, even when the tests run as root (where `chmod` stops nothing):
///
///     let disk = try StateMount.tmpfs(at: stateFolder, bytes: 2 << 20)   // a 2 MiB disk
///     defer { disk.unmount() }
///     let filler = try disk.fill()                                        // ENOSPC from now on
///
/// Needs root and `mount(8)`; ``isAvailable`` says whether this process has both.
public final class StateMount {
    /// The mount point.
    public let folder: String
    private var mounted = true

    private init(folder: String) { self.folder = folder }

    deinit { unmount() }

    /// Whether this process may mount file systems: root, and a probe tmpfs mounts and unmounts.
    public static let isAvailable: Bool = {
        guard geteuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("relance-mount-probe-\(UUID().uuidString)").path
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]) else { return false }
        return run(["umount", probe])
    }()

    /// Why the mount-based tests cannot run here, for their skip message.
    public static let unavailableReason =
        "needs root and mount(8): a tmpfs or a read-only bind mount is the only way to make a real disk full or a folder read-only for root"

    /// Mounts a tmpfs of `bytes` over `folder` (created if absent; what it held is hidden until unmount).
    public static func tmpfs(at folder: String, bytes: Int) throws -> StateMount {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard run(["mount", "-t", "tmpfs", "-o", "size=\(bytes),mode=0755", "tmpfs", folder]) else {
            throw SMTPTestServer.Failure(description: "mount -t tmpfs over \(folder) failed")
        }
        return StateMount(folder: folder)
    }

    /// Bind-mounts `folder` over itself, read-only: every write under it fails with EROFS, for root too.
    public static func readOnlyBind(at folder: String) throws -> StateMount {
        guard run(["mount", "--bind", folder, folder]) else {
            throw SMTPTestServer.Failure(description: "mount --bind \(folder) failed")
        }
        let mount = StateMount(folder: folder)
        guard run(["mount", "-o", "remount,bind,ro", folder]) else {
            throw SMTPTestServer.Failure(description: "remounting \(folder) read-only failed")
        }
        return mount
    }

    /// Writes zeros to a filler file until the file system refuses (ENOSPC); returns the file's path.
    /// Removing it frees the space again.
    @discardableResult
    public func fill() throws -> String {
        let path = folder + "/filler-\(UUID().uuidString)"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw SMTPTestServer.Failure(description: "cannot create \(path): errno \(errno)") }
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let written = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                guard errno == ENOSPC else { throw SMTPTestServer.Failure(description: "filling \(folder): errno \(errno)") }
                break
            }
            if written == 0 { break }
        }
        // A last partial page may still fit: fill it byte by byte so not one byte is left.
        var byte: UInt8 = 0
        while write(fd, &byte, 1) == 1 {}
        return path
    }

    /// Free bytes on the file system (statvfs).
    public var freeBytes: Int {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return -1 }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    /// Unmounts (lazily, so a process still inside cannot keep it); what the folder held before reappears.
    public func unmount() {
        guard mounted else { return }
        mounted = !Self.run(["umount", "-l", folder])
    }

    /// Runs a command (from `/bin`, `/usr/bin` or `/sbin`), silently; whether it exited 0.
    @discardableResult
    static func run(_ command: [String]) -> Bool {
        let process = Process()
        let name = command[0]
        let path = ["/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/"].map { $0 + name }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/\(name)"
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = Array(command.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

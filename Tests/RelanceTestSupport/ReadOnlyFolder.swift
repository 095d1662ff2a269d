import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The state folder made read-only: a read-only bind mount as root (EROFS; `chmod` does not stop root),
/// else `chmod a-w` on the folder and its files.
public struct ReadOnlyFolder {
    private let mount: StateMount?
    private let folder: String

    public init(_ folder: String) throws {
        self.folder = folder
        if getuid() == 0 {
            mount = try StateMount.readOnlyBind(at: folder)
        } else {
            mount = nil
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) { chmod(folder + "/" + name, 0o444) }
            chmod(folder, 0o555)
        }
    }

    /// Makes the folder writable again.
    public func restore() {
        if let mount {
            mount.unmount()
            return
        }
        chmod(folder, 0o755)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] { chmod(folder + "/" + name, 0o600) }
    }
}

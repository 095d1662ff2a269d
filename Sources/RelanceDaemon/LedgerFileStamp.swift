#if canImport(Glibc)
import Glibc
#endif

/// What identifies one version of the ledger file without reading it: its device, inode, size and
/// modification and change times (nanoseconds). An export that rewrites the file in place or replaces it
/// (a rename) changes at least one of them.
struct LedgerFileStamp: Sendable, Hashable {
    private var device: UInt64
    private var inode: UInt64
    private var size: Int64
    private var modified: Int64
    private var changed: Int64

    /// The stamp of the file at `path` now; nil when it cannot be read (gone, no permission).
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }
}

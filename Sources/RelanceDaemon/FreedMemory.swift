#if canImport(Glibc)
    import CMalloc
#endif

/// How the process hands memory back to the system.
///
/// glibc keeps freed small blocks in its heap, so a big transient structure (the YAML tree of a
/// 100,000-client config, a cycle's plan) keeps the resident size it reached; large arrays allocated
/// next (the ledger) are mapped afresh beside it instead of reusing it. Called once the config is
/// loaded and after each cycle, `release` makes the resident size follow what the daemon really holds.
public enum FreedMemory {
    /// Blocks from this size up are mapped on their own and unmapped whole when freed.
    public static let mappedFrom = 4 << 20

    /// Fixes the size from which glibc maps a block on its own (`M_MMAP_THRESHOLD`, 4 MiB), once, at
    /// start-up. By default glibc raises that size to any mapped block freed (up to 32 MiB): after a
    /// large config or ledger, arrays of several MiB then come from the heap and stay resident as
    /// fragments (about 40 MB more at the peak of a 1,000,000-invoice pass).
    public static func configure() {
        #if canImport(Glibc)
            _ = mallopt(M_MMAP_THRESHOLD, Int32(mappedFrom))
        #endif
    }

    /// glibc's size of free memory at the top of a heap from which `free` hands it back at once (its
    /// default once `M_MMAP_THRESHOLD` is fixed), and the size used while a burst of messages is delivered.
    static let trimFrom = (usual: Int32(128 << 10), whileDelivering: Int32(64 << 20))

    /// For the length of a delivery, until `stopKeepingFreedPages`: freed pages stay in the process. By
    /// default glibc gives a thread's heap top back (`madvise`) as soon as 128 KiB of it are free, and the
    /// next message faults those pages in again: about 15,000 `madvise` calls and their page faults per
    /// 10,000 messages, some 3 % of the CPU of a delivery.
    public static func keepFreedPages() {
        #if canImport(Glibc)
            _ = mallopt(M_TRIM_THRESHOLD, trimFrom.whileDelivering)
        #endif
    }

    /// Puts back the usual trimming (see `keepFreedPages`). What was kept goes back to the system at the
    /// next `release`, which the daemon calls after every cycle.
    public static func stopKeepingFreedPages() {
        #if canImport(Glibc)
            _ = mallopt(M_TRIM_THRESHOLD, trimFrom.usual)
        #endif
    }

    /// Returns the heap's free pages to the system (`malloc_trim(0)`); nothing where glibc is absent.
    public static func release() {
        #if canImport(Glibc)
            _ = malloc_trim(0)
        #endif
    }
}

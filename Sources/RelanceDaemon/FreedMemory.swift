#if canImport(Glibc)
    import CMalloc
#endif

/// Hands memory the process freed back to the system.
///
/// glibc keeps freed small blocks in its heap, so a big transient structure (the YAML tree of a
/// 100,000-client config, a cycle's plan) keeps the resident size it reached; large arrays allocated
/// next (the ledger) are mapped afresh beside it instead of reusing it. Called once the config is
/// loaded and after each cycle, the resident size follows what the daemon really holds.
public enum FreedMemory {
    /// Returns the heap's free pages to the system (`malloc_trim(0)`); nothing where glibc is absent.
    public static func release() {
        #if canImport(Glibc)
            _ = malloc_trim(0)
        #endif
    }
}

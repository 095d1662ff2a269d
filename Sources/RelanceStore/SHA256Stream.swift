import CSHA256

/// SHA-256 over bytes given in pieces (CSHA256), for digests of many rows that are never held in memory
/// at once.
final class SHA256Stream {
    private var context = relance_sha256_context()
    /// Bytes not yet hashed: callers append rows into it in place; it is hashed by pieces of about 16 KiB.
    private var pending: [UInt8] = []

    private static let chunk = 16 * 1024

    init() {
        relance_sha256_init(&context)
        pending.reserveCapacity(Self.chunk + 256)
    }

    /// Appends bytes through `write` into the pending buffer (flushed when it is full).
    func update(_ write: (inout [UInt8]) -> Void) {
        write(&pending)
        if pending.count >= Self.chunk { flush() }
    }

    /// Appends `bytes`.
    func update(_ bytes: [UInt8]) {
        update { $0.append(contentsOf: bytes) }
    }

    /// The digest of everything appended, as 64 lowercase hex digits. The stream is spent afterwards.
    func finish() -> String {
        flush()
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { md in
            relance_sha256_final(&context, md.baseAddress)
            return SHA256Hex.hex(UnsafeRawBufferPointer(md))
        }
    }

    private func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { relance_sha256_update(&context, $0.baseAddress, $0.count) }
        pending.removeAll(keepingCapacity: true)
    }
}

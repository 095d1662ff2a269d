import CCrypto

/// SHA-256 over bytes given in pieces (OpenSSL's streaming interface), for digests of many rows that
/// are never held in memory at once.
struct SHA256Stream {
    private var context = SHA256_CTX()
    /// Bytes not yet handed to OpenSSL: small appends are gathered into calls of about 16 KiB.
    private var pending: [UInt8] = []

    init() {
        SHA256_Init(&context)
        pending.reserveCapacity(Self.chunk + 256)
    }

    private static let chunk = 16 * 1024

    /// Appends bytes through `write` into the pending buffer (flushed when it is full).
    mutating func update(_ write: (inout [UInt8]) -> Void) {
        write(&pending)
        if pending.count >= Self.chunk { flush() }
    }

    /// Appends `bytes`.
    mutating func update(_ bytes: [UInt8]) {
        update { $0.append(contentsOf: bytes) }
    }

    /// The digest of everything appended, as 64 lowercase hex digits. The stream is spent afterwards.
    mutating func finish() -> String {
        flush()
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { md in
            SHA256_Final(md.baseAddress, &context)
            return SHA256Hex.hex(UnsafeRawBufferPointer(md))
        }
    }

    private mutating func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { _ = SHA256_Update(&context, $0.baseAddress, $0.count) }
        pending.removeAll(keepingCapacity: true)
    }
}

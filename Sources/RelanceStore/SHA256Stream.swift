import CCrypto

/// SHA-256 over bytes given in pieces (OpenSSL's `SHA256_Init`/`Update`/`Final`), for digests of many rows
/// that are never held in memory at once.
///
/// The low-level calls, deprecated in OpenSSL 3 but kept, rather than the EVP interface: an EVP digest
/// loads OpenSSL's default provider and its algorithm tables at the first import, about 1 MiB of heap
/// the daemon then kept for its whole life, to run the same SHA-256 code.
final class SHA256Stream {
    private var context = SHA256_CTX()
    /// Bytes not yet handed to OpenSSL: small appends are gathered into calls of about 16 KiB.
    private var pending: [UInt8] = []

    private static let chunk = 16 * 1024

    init() {
        guard SHA256_Init(&context) == 1 else { fatalError("OpenSSL cannot start a SHA-256 digest") }
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
            guard SHA256_Final(md.baseAddress, &context) == 1 else { fatalError("OpenSSL cannot finish a SHA-256 digest") }
            return SHA256Hex.hex(UnsafeRawBufferPointer(md))
        }
    }

    private func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { _ = SHA256_Update(&context, $0.baseAddress, $0.count) }
        pending.removeAll(keepingCapacity: true)
    }
}

import CCrypto

/// SHA-256 over bytes given in pieces (OpenSSL's EVP digest interface), for digests of many rows that
/// are never held in memory at once.
final class SHA256Stream {
    private let context: OpaquePointer
    /// Bytes not yet handed to OpenSSL: small appends are gathered into calls of about 16 KiB.
    private var pending: [UInt8] = []

    private static let chunk = 16 * 1024

    init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("OpenSSL cannot start a SHA-256 digest")
        }
        self.context = context
        pending.reserveCapacity(Self.chunk + 256)
    }

    deinit { EVP_MD_CTX_free(context) }

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
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { md in
            var length: UInt32 = 0
            guard EVP_DigestFinal_ex(context, md.baseAddress, &length) == 1, length == 32 else {
                fatalError("OpenSSL cannot finish a SHA-256 digest")
            }
            return SHA256Hex.hex(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(md)[0..<32]))
        }
    }

    private func flush() {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        pending.removeAll(keepingCapacity: true)
    }
}

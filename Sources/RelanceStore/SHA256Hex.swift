import CSHA256
import Foundation

/// SHA-256 (CSHA256), written as 64 lowercase hex digits.
enum SHA256Hex {
    /// The digest of `bytes`, as lowercase hex.
    static func digest(_ bytes: UnsafeRawBufferPointer) -> String {
        // Runs for every journal entry: no intermediate arrays (they dominate in debug builds).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { md in
            relance_sha256(bytes.baseAddress, bytes.count, md.baseAddress)
            return hex(UnsafeRawBufferPointer(md))
        }
    }

    /// A 32-byte digest as 64 lowercase hex digits.
    static func hex(_ md: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: 64) { out in
            var i = 0
            while i < 32 {
                out[2 * i] = hexDigit(md[i] >> 4)
                out[2 * i + 1] = hexDigit(md[i] & 0x0F)
                i += 1
            }
            return 64
        }
    }

    /// The digest of `bytes`, as lowercase hex.
    static func digest(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { digest($0) }
    }

    /// The digest of `data`, as lowercase hex.
    static func digest(_ data: Data) -> String {
        data.withUnsafeBytes { digest($0) }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x57 + nibble  // 0-9, a-f
    }
}

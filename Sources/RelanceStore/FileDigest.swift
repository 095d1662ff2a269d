import Foundation

/// SHA-256 of what relance writes outside the store (a claim file's zip), for the journal.
public enum FileDigest {
    /// The digest of `data`, as 64 lowercase hex digits.
    public static func sha256(_ data: Data) -> String { SHA256Hex.digest(data) }
}

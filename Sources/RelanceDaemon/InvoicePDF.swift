import Foundation
import RelanceCore

/// The rule for the ledger's `pdf` column: a PDF file inside the ledger's folder. A path that leaves the
/// folder (absolute, or with `..` reaching out of it) or a file that is not a PDF is never attached to a
/// reminder nor copied into a claim file: whoever writes the export, or a typo, must not be able to send
/// the store, the config or the password file to a debtor.
enum InvoicePDF {
    /// The folder the ledger's relative `pdf` paths are resolved against (the ledger file's own).
    static func folder(of configuration: RelanceConfiguration) -> String {
        (configuration.ledger.path as NSString).deletingLastPathComponent
    }

    /// Why the file at `path` (the ledger's `pdf`, resolved against `folder`) may not be attached or
    /// copied; nil when it may. A missing file is the caller's to report (`attachment.missing`).
    static func refusal(_ path: String, folder: String) -> String? {
        let base = URL(fileURLWithPath: folder).standardizedFileURL.path
        let file = URL(fileURLWithPath: path).standardizedFileURL.path  // `..` resolved as written
        guard file.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
            return "not inside the ledger's folder \(base): only a path relative to it is attached"
        }
        guard let handle = FileHandle(forReadingAtPath: file) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 5)) ?? Data()
        guard head.isEmpty || Array(head) == Array("%PDF-".utf8) else { return "not a PDF (it does not start with %PDF-)" }
        return nil
    }
}

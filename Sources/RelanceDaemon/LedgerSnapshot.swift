import Foundation
import RelanceCore

/// The ledger file as read at one moment: its invoices, its rejected rows, and when it was last modified.
public struct LedgerSnapshot: Sendable {
    public var invoices: [Invoice]
    public var rejected: [LedgerRowError]
    public var modified: Date
    public var path: String
    /// The file as it was before it was read: a later stamp that differs means a newer export.
    var stamp: LedgerFileStamp?

    /// A ledger that cannot be used at all: missing, unreadable, or without its columns.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        /// When to read again without waiting for a change: a file that may still be being written.
        public var retryAfter: TimeInterval?
        public var description: String { "\(path): \(message)" }
    }

    /// How long after its last change a ledger whose last line has no line end is taken as still being
    /// written (an export cut inside its last field, `…,EUR,2` of `2500.00`, parses as a valid row).
    static let settling: TimeInterval = 30

    /// Reads and parses the configured ledger. `settledAt`: refuse a file that may still be being written at
    /// that instant (no final line end, changed less than ``settling`` seconds before), as a cycle that sends
    /// must; the cycle's clock, as the ledger's age is judged by it.
    public static func read(_ configuration: RelanceConfiguration, settledAt now: Date? = nil) throws(ReadError)
        -> LedgerSnapshot
    {
        let path = configuration.ledger.path
        let attributes: [FileAttributeKey: Any]
        let bytes: [UInt8]
        let stamp = LedgerFileStamp(path: path)  // before reading: a change during the read shows later
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
            // The file's `Data` is released as soon as it is copied: a big ledger is not held twice while parsed.
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw ReadError(path: path, message: "cannot read the ledger (\(Self.reason(error)))")
        }
        // An export being written in place ends in the middle of a line: its last row may parse as valid
        // with a field cut short (paid `2` of `2500.00`). A file with no final line end that changed moments
        // ago is read again once it has stayed unchanged a while.
        let modified = attributes[.modificationDate] as? Date ?? .distantPast
        let age = now.map { $0.timeIntervalSince(modified) } ?? .infinity
        if let last = bytes.last, last != 0x0A, last != 0x0D, age < settling {
            throw ReadError(
                path: path,
                message: "its last line has no line end and the file changed \(max(0, Int(age))) s ago: it may still be "
                    + "being written; read again once it has not changed for \(Int(settling)) s",
                retryAfter: settling - max(0, age) + 1)
        }
        let parser = LedgerParser(
            knownClients: Set(configuration.clients.map(\.id)),
            baseFolder: (path as NSString).deletingLastPathComponent)
        do {
            let result = try parser.parse(bytes)
            return LedgerSnapshot(
                invoices: result.invoices, rejected: result.rejected,
                modified: attributes[.modificationDate] as? Date ?? .distantPast, path: path, stamp: stamp)
        } catch {
            throw ReadError(path: path, message: error.message)
        }
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSCocoaErrorDomain && ns.code == NSFileReadNoSuchFileError { return "no such file" }
        return ns.localizedDescription
    }
}

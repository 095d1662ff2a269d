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
        public var description: String { "\(path): \(message)" }
    }

    /// Reads and parses the configured ledger.
    public static func read(_ configuration: RelanceConfiguration) throws(ReadError) -> LedgerSnapshot {
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

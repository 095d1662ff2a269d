import Foundation
import RelanceCore

/// Reads the optional payments file (`ledger.payments`) of the contract.
public enum PaymentsLoader {
    /// A payments file that cannot be used at all: missing, unreadable, or without its columns.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        /// The file.
        public var path: String
        /// What is wrong.
        public var message: String
        /// `PATH: message`.
        public var description: String { "\(path): \(message)" }
    }

    /// Reads and parses the payments of `invoices` from `path`; rows naming another invoice, or with a
    /// bad date or amount, are rejected with their line.
    public static func read(path: String, invoices: [Invoice]) throws(ReadError) -> PaymentsParseResult {
        try read(path: path, parser: PaymentsParser(invoices: invoices))
    }

    /// `read(path:invoices:)` for the invoices known by number and currency only (the store's copy of the
    /// ledger).
    public static func read(path: String, invoiceCurrencies: [String: Currency]) throws(ReadError) -> PaymentsParseResult {
        try read(path: path, parser: PaymentsParser(invoiceCurrencies: invoiceCurrencies))
    }

    private static func read(path: String, parser: PaymentsParser) throws(ReadError) -> PaymentsParseResult {
        switch FileChecks.readAll(path) {
        case .failure(let failure):
            throw ReadError(path: path, message: "cannot read the payments file (\(failure.reason))")
        case .success(let bytes):
            do {
                return try parser.parse(bytes)
            } catch {
                throw ReadError(path: path, message: error.message)
            }
        }
    }
}

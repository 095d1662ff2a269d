/// A ledger row that was not accepted, with where and why.
public struct LedgerRowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line of the CSV file.
    public var line: Int
    /// The column at fault, when one is.
    public var field: String?
    public var reason: String

    public init(line: Int, field: String?, reason: String) {
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String {
        "line \(line)" + (field.map { ", field \($0)" } ?? "") + ": " + reason
    }
}

/// The outcome of reading a ledger: accepted invoices and rejected rows. A bad row never stops the others.
public struct LedgerParseResult: Sendable {
    public var invoices: [Invoice]
    public var rejected: [LedgerRowError]
}

/// A ledger that cannot be read at all (no header, a required column missing).
public struct LedgerFormatError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

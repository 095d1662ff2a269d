import RelanceCore

/// Why a reminder could not be composed (beyond template and MIME errors).
public enum ComposeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A reminder needs at least one invoice.
    case noInvoices(client: ClientID)

    public var description: String {
        switch self {
        case .noInvoices(let client): return "no invoice to remind client \(client) of"
        }
    }
}

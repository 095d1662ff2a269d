import RelanceCore

/// Why the store refused an operation or could not read its own data.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database file could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// The file was written by a newer relance whose schema this version does not know.
    case newerSchema(path: String)
    /// No message has this id.
    case unknownMessage(id: Int64)
    /// The message is not in the state the operation requires (the guard against double sends).
    case invalidTransition(messageID: Int64, state: MessageState, required: MessageState, action: String)
    /// Another message already uses this RFC 5322 Message-ID.
    case duplicateMessageID(String, existingID: Int64)
    /// The invoice already reached this step or a later one: whoever planned the advance worked from a
    /// stale view (another process, or two steps with the same offset), so nothing is recorded.
    case staleAdvance(invoice: String, step: String, offsetDays: Int, reachedStep: String, reachedOffsetDays: Int)
    /// A stored value cannot be read back (edited by hand, or written by a buggy version).
    case corrupt(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "cannot open the store \(path): \(reason)"
        case .newerSchema(let path):
            return "the store \(path) was written by a newer version of relance; refusing to use it"
        case .unknownMessage(let id):
            return "no message with id \(id)"
        case .invalidTransition(let id, let state, let required, let action):
            return "message \(id) is in state \(state.rawValue), not \(required.rawValue); refusing to \(action)"
        case .duplicateMessageID(let messageID, let existing):
            return "Message-ID <\(messageID)> is already used by message \(existing); refusing to record it twice"
        case .staleAdvance(let invoice, let step, let offset, let reachedStep, let reachedOffset):
            return "invoice \(invoice) already reached step \(reachedStep) (offset \(reachedOffset) days); "
                + "refusing to record step \(step) (offset \(offset) days) again"
        case .corrupt(let what):
            return "the store is corrupt: \(what)"
        }
    }
}

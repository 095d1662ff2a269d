/// Why a document could not be produced or written.
public enum DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// cairo reported an error while drawing or writing the PDF.
    case pdf(String)
    /// A file or folder could not be read, created or written.
    case io(path: String, reason: String)
    /// The archive could not be made.
    case zip(String)

    public var description: String {
        switch self {
        case .pdf(let reason): return "PDF: \(reason)"
        case .io(let path, let reason): return "\(path): \(reason)"
        case .zip(let reason): return "zip: \(reason)"
        }
    }
}

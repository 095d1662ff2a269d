/// One problem found in a config file, with the position of the offending key or value.
///
/// Its description is the contract's `FILE:LINE:COLUMN: message` form (warnings add `warning: `
/// before the message). A diagnostic never contains a secret: it names keys and paths, never the
/// content of a password file.
public struct ConfigDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable {
        /// The config is rejected.
        case error
        /// The config is accepted, but something deserves attention (e.g. file permissions).
        case warning
    }

    /// The config file, as it was given to the loader.
    public var file: String
    /// Line number, starting at 1.
    public var line: Int
    /// Column number, starting at 1, counted in Unicode scalars.
    public var column: Int
    /// What is wrong, in one line.
    public var message: String
    /// Error or warning.
    public var severity: Severity

    /// Creates a diagnostic.
    public init(file: String, line: Int, column: Int, message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.severity = severity
    }

    /// `FILE:LINE:COLUMN: message`, or `FILE:LINE:COLUMN: warning: message` for a warning.
    public var description: String {
        switch severity {
        case .error: return "\(file):\(line):\(column): \(message)"
        case .warning: return "\(file):\(line):\(column): warning: \(message)"
        }
    }
}

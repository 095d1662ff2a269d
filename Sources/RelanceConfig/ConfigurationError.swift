/// A config that cannot be used: every problem found, each with its position.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The errors, ordered by position in the file. Never empty.
    public var diagnostics: [ConfigDiagnostic]
    /// Warnings found along the way (e.g. file permissions), reported with the errors.
    public var warnings: [ConfigDiagnostic]

    /// Creates an error from its diagnostics.
    public init(diagnostics: [ConfigDiagnostic], warnings: [ConfigDiagnostic] = []) {
        self.diagnostics = diagnostics
        self.warnings = warnings
    }

    /// One `FILE:LINE:COLUMN: message` line per error.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

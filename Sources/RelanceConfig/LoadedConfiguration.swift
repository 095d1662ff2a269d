import RelanceCore

/// A valid configuration, with the warnings found while loading it.
public struct LoadedConfiguration: Sendable {
    /// The validated configuration; every path in it is absolute.
    public var configuration: RelanceConfiguration
    /// Problems that do not prevent running, e.g. a password file readable by others.
    public var warnings: [ConfigDiagnostic]

    /// Creates a loaded configuration.
    public init(configuration: RelanceConfiguration, warnings: [ConfigDiagnostic] = []) {
        self.configuration = configuration
        self.warnings = warnings
    }
}

/// Collects the errors and warnings of one load, so that every problem is reported at once.
///
/// Confined to the loading call that creates it; never shared between tasks.
final class DiagnosticLog {
    /// The config file as given by the caller, used in every diagnostic.
    let file: String
    private(set) var errors: [ConfigDiagnostic] = []
    private(set) var warnings: [ConfigDiagnostic] = []

    init(file: String) {
        self.file = file
    }

    var hasErrors: Bool { !errors.isEmpty }

    func error(_ message: String, at position: Position?) {
        errors.append(diagnostic(message, at: position, severity: .error))
    }

    func warning(_ message: String, at position: Position?) {
        warnings.append(diagnostic(message, at: position, severity: .warning))
    }

    /// Takes in what another log of the same file found (a part of the file read on another thread).
    func absorb(_ other: DiagnosticLog) {
        errors += other.errors
        warnings += other.warnings
    }

    /// The errors ordered by position (stable for problems at the same place), without repeats.
    var sortedErrors: [ConfigDiagnostic] { Self.ordered(errors) }

    /// The warnings ordered by position, without repeats.
    var sortedWarnings: [ConfigDiagnostic] { Self.ordered(warnings) }

    private func diagnostic(
        _ message: String, at position: Position?, severity: ConfigDiagnostic.Severity
    ) -> ConfigDiagnostic {
        let p = position ?? .start
        return ConfigDiagnostic(
            file: file, line: p.line, column: p.column, message: message, severity: severity)
    }

    private static func ordered(_ list: [ConfigDiagnostic]) -> [ConfigDiagnostic] {
        var seen = Set<ConfigDiagnostic>()
        let unique = list.filter { seen.insert($0).inserted }
        return unique.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }
}

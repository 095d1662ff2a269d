import Foundation
import RelanceCore
import Yams

/// Reads and validates a relance config file.
///
/// Every problem is reported, each as `FILE:LINE:COLUMN: message`: YAML syntax, unknown or
/// misspelt keys, wrong types, missing keys, bad values, unknown schedules, missing templates,
/// unreadable password file. Relative paths are resolved against the config file's folder.
public struct ConfigurationLoader: Sendable {
    /// Creates a loader.
    public init() {}

    /// Loads the config file at `path` (absolute, or relative to the current directory).
    ///
    /// Warns when the file is readable by others or writable by group or others.
    public func load(path: String) throws(ConfigurationError) -> LoadedConfiguration {
        let log = DiagnosticLog(file: path)
        let absolute = ConfigParser.absolutePath(path, relativeTo: FileManager.default.currentDirectoryPath)
        switch FileChecks.readAll(absolute) {
        case .failure(let failure):
            log.error("cannot read the config file: \(failure.reason)", at: .start)
            throw ConfigurationError(diagnostics: log.sortedErrors)
        case .success(let bytes):
            guard let yaml = String(validating: bytes, as: UTF8.self) else {
                log.error("the config file is not valid UTF-8", at: .start)
                throw ConfigurationError(diagnostics: log.sortedErrors)
            }
            checkPermissions(absolute, log: log)
            return try load(yaml: yaml, path: path, log: log)
        }
    }

    /// Loads config text as if read from `path`: `path` appears in diagnostics, and relative paths
    /// (and the template and password file checks) use its folder.
    public func load(yaml: String, path: String) throws(ConfigurationError) -> LoadedConfiguration {
        try load(yaml: yaml, path: path, log: DiagnosticLog(file: path))
    }

    private func load(yaml: String, path: String, log: DiagnosticLog) throws(ConfigurationError)
        -> LoadedConfiguration
    {
        let absolute = ConfigParser.absolutePath(path, relativeTo: FileManager.default.currentDirectoryPath)
        let folder = ConfigParser.absolutePath("..", relativeTo: absolute)
        var configuration: RelanceConfiguration?
        let reading = ClientReading(file: log.file, baseDirectory: folder)
        do {
            let composed = try YAMLComposer.compose(yaml: yaml, onClientItem: reading.add)
            let read = reading.finish()
            if let root = composed.root {
                var clientsRead: [ReadClient?] = []
                if composed.streamed, let read {
                    log.absorb(read.log)
                    clientsRead = read.read
                }
                configuration = ConfigParser(log: log, baseDirectory: folder).parse(
                    root, sourcePath: absolute, clientsRead: clientsRead)
            } else {
                log.error("the config file is empty", at: .start)
            }
        } catch let error as YamlError {
            YAMLSyntaxErrors.report(error, yaml: yaml, log: log)
        } catch {
            log.error("cannot parse the YAML text: \(error)", at: .start)
        }
        guard let configuration, !log.hasErrors else {
            var errors = log.sortedErrors
            if errors.isEmpty {
                errors = [
                    ConfigDiagnostic(file: path, line: 1, column: 1, message: "the config is not valid")
                ]
            }
            throw ConfigurationError(diagnostics: errors, warnings: log.sortedWarnings)
        }
        return LoadedConfiguration(configuration: configuration, warnings: log.sortedWarnings)
    }

    /// Warns about a config file others may read or anyone but its owner may change.
    private func checkPermissions(_ path: String, log: DiagnosticLog) {
        guard let mode = FileChecks.permissions(of: path) else { return }
        var problems: [String] = []
        if let who = FileChecks.outsiders(mode, mask: 0o004) { problems.append("readable by \(who)") }
        if let who = FileChecks.outsiders(mode, mask: 0o022) { problems.append("writable by \(who)") }
        guard !problems.isEmpty else { return }
        log.warning(
            "the config file is \(problems.joined(separator: " and ")) (mode \(FileChecks.octal(mode))); "
                + "chmod 640 it", at: .start)
    }
}

import ArgumentParser
import Foundation
import Logging
import RelanceConfig
import RelanceCore
import RelanceDaemon

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Config file (default: $RELANCE_CONFIG, else /etc/relance/relance.yaml).")
    var config: String?

    @Option(name: .customLong("log-format"), help: "Log lines on stderr: logfmt or json.")
    var logFormat: LogfmtLogHandler.Format = .logfmt

    /// The config path after the fallbacks of the contract.
    var configPath: String {
        if let config { return config }
        if let env = ProcessInfo.processInfo.environment["RELANCE_CONFIG"], !env.isEmpty { return env }
        return "/etc/relance/relance.yaml"
    }

    /// Loads and validates the config; prints every `FILE:LINE:COLUMN: message` and exits 1 when invalid.
    func loadConfiguration(printWarnings: Bool = true) throws -> LoadedConfiguration {
        do {
            let loaded = try ConfigurationLoader().load(path: configPath)
            FreedMemory.release()  // the YAML tree of a big config goes back to the system
            if printWarnings {
                for warning in loaded.warnings { Terminal.error(warning.description) }
            }
            return loaded
        } catch {
            for diagnostic in error.diagnostics { Terminal.error(diagnostic.description) }
            throw ExitCode(1)
        }
    }

    /// Installs the logfmt (or JSON) handler on stderr, once.
    func bootstrapLogging() -> Logger {
        let format = logFormat
        LoggingBootstrap.once { LoggingSystem.bootstrap { LogfmtLogHandler(label: $0, format: format) } }
        return Logger(label: "relance")
    }
}

extension LogfmtLogHandler.Format: ExpressibleByArgument {}

/// Guards `LoggingSystem.bootstrap`, which may run only once per process.
enum LoggingBootstrap {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var done = false

    static func once(_ body: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        if !done {
            body()
            done = true
        }
    }
}

/// Plain output for people.
enum Terminal {
    static func error(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    static func print(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

    /// Parses `--now`: ISO 8601 with an offset or `Z` (`2026-11-16T10:00:00+01:00`).
    static func parseInstant(_ text: String) throws -> Date {
        if let date = ISO8601Instant.date(from: text) { return date }
        throw ValidationError("--now: not an ISO 8601 instant with a time zone (e.g. 2026-11-16T10:00:00+01:00): \(text)")
    }

    /// `2026-11-23 09:00 Europe/Paris`.
    static func local(_ date: Date, _ timeZone: TimeZone) -> String {
        "\(LocalDateTime(date, in: timeZone)) \(timeZone.identifier)"
    }

    /// ISO 8601 with the offset of `timeZone`.
    static func iso(_ date: Date, _ timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        return formatter.string(from: date)
    }

    /// Pretty, key-sorted JSON on stdout.
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

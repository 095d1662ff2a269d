import ArgumentParser
import Foundation
import Logging
import RelanceCore
import RelanceDaemon

/// `relance run [--once] [--now ISO8601]`: the daemon, or one cycle.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the daemon (or one cycle with --once).")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Run one cycle, then exit.")
    var once = false

    @Option(help: "Pretend it is this instant (ISO 8601 with offset), for tests and demos.")
    var now: String?

    func run() async throws {
        let pretend = try now.map(Terminal.parseInstant)
        let loaded = try global.loadConfiguration()
        let logger = global.bootstrapLogging()
        let start = pretend ?? Date()
        let runtime: RelanceRuntime
        do {
            runtime = try RelanceRuntime.open(loaded.configuration, logger: logger, now: start)
        } catch {
            logger.error("daemon.failed", metadata: ["error": "\(error.description)"])
            throw ExitCode(error.exitCode)
        }
        defer { runtime.transport.close() }
        guard once else {
            throw ValidationError("relance run without --once (the long-running daemon) is not built yet; use --once")
        }
        do {
            let report = try await runtime.cycle(logger: logger).run(now: start)
            logger.info("cycle.done", metadata: report.logMetadata)
        } catch {
            logger.error("cycle.failed", metadata: ["error": "\(error)"])
            throw ExitCode(2)
        }
    }
}

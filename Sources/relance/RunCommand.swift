import ArgumentParser
import Foundation
import Logging
import RelanceCore
import RelanceDaemon
import RelanceStore
import ServiceLifecycle

/// `relance run [--once] [--now ISO8601]`: the daemon, or one cycle.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the daemon (or one cycle with --once).")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Run one cycle, then exit.")
    var once = false

    @Option(help: "Pretend it is this instant (ISO 8601 with offset), for tests and demos.")
    var now: String?

    @Option(name: .customLong("max-sleep"), help: "The daemon's longest sleep between cycles, in seconds.")
    var maxSleep: Int = 900

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
        guard once else {
            let daemon = ReminderDaemon(
                runtime: runtime,
                settings: .init(configPath: global.configPath, ceiling: .seconds(max(maxSleep, 1)), pretendStart: pretend),
                logger: logger)
            var quiet = logger
            quiet.logLevel = .error
            let group = ServiceGroup(
                configuration: .init(
                    services: [.init(service: daemon)], gracefulShutdownSignals: [.sigterm, .sigint], logger: quiet))
            do {
                try await group.run()
            } catch {
                logger.error("daemon.failed", metadata: ["error": "\(error)"])
                throw ExitCode(2)
            }
            return
        }
        defer { runtime.close() }
        do {
            let report = try await runtime.cycle(logger: logger, clock: DaemonClock(pretendStart: pretend)).run(now: start)
            logger.info("cycle.done", metadata: report.logMetadata)
        } catch {
            logger.error("cycle.failed", metadata: ["error": "\(StoreError.explain(error, storePath: loaded.configuration.statePath))"])
            throw ExitCode(2)
        }
    }
}

import Foundation
import Logging
import RelanceConfig
import RelanceCore

extension ReminderDaemon {
    /// Re-reads config, templates and password. Valid: the new runtime (the caller swaps it in between
    /// cycles). Invalid: nil, the running config stays, every problem is logged with its location.
    ///
    /// `config.reloaded` carries `duration_ms`, the time from the start of the reload to the new runtime,
    /// and `config_ms`, the part spent reading and validating the config.
    func reload(_ current: RelanceRuntime, now: Date) -> RelanceRuntime? {
        let started = ContinuousClock().now
        notifier.reloading()
        let loaded: LoadedConfiguration
        do {
            loaded = try ConfigurationLoader().load(path: settings.configPath)
        } catch {
            for diagnostic in error.diagnostics {
                logger.error("config.rejected", metadata: ["error": "\(diagnostic.description)", "kept": "running config"])
            }
            return nil
        }
        let read = ContinuousClock().now - started
        // The store is what relance knows it sent: a reload onto another one (a typo in `state:`) would send
        // every reminder again from an empty history. It takes a restart, on purpose.
        if let path = current.store.path, !RelanceRuntime.sameFile(path, loaded.configuration.statePath) {
            logger.error("config.rejected", metadata: [
                "error": .string("\(settings.configPath): state: the store cannot change on a reload (\(path) → "
                    + "\(loaded.configuration.statePath)): it records what was sent, and another store would send every "
                    + "reminder again; restart relance to use another one"),
                "kept": "running config",
            ])
            return nil
        }
        for warning in loaded.warnings { logger.warning("config.warning", metadata: ["warning": "\(warning.description)"]) }
        do {
            let next = try RelanceRuntime.open(loaded.configuration, logger: logger, now: now, reusing: current)
            var change = ConfigurationChange(from: current.configuration, to: next.configuration)
            // The templates are read again too: an edited one is a change, even with the config the same.
            change.templatesChanged = next.composer.library.changes(since: current.composer.library)
            let summary = change.description
            let spent = ContinuousClock().now - started
            logger.notice("config.reloaded", metadata: [
                "summary": "\(summary)", "duration_ms": "\(Int((spent.timeInterval * 1000).rounded()))",
                "config_ms": "\(Int((read.timeInterval * 1000).rounded()))",
            ])
            try? current.store.journal(.init(kind: "config.reloaded", at: now, detail: "summary=\"\(summary)\""))
            return next
        } catch {
            logger.error("config.rejected", metadata: ["error": "\(error.description)", "kept": "running config"])
            return nil
        }
    }

    /// STATUS= for systemd: `last cycle 10:00 sent 3; next wake 2026-11-18 09:00; 1 deferred; 2 open tasks`.
    func statusLine(_ report: CycleReport, runtime: RelanceRuntime) -> String {
        var parts = ["last cycle sent \(report.sent), deferred \(report.deferred), failed \(report.failed)"]
        if let held = report.heldReason { parts.append("HELD: \(held)") }
        if let wake = report.nextWakeAt {
            let zone = TimeZone(identifier: runtime.configuration.sending.timeZoneIdentifier) ?? .current
            parts.append("next due \(LocalDateTime(wake, in: zone)) \(zone.identifier)")
        }
        let counts = (try? runtime.store.messageCounts()) ?? [:]
        if let deferred = counts[.deferred], deferred > 0 { parts.append("\(deferred) deferred") }
        if let unknown = counts[.unknown], unknown > 0 { parts.append("\(unknown) unknown") }
        if let tasks = try? runtime.store.tasks(openOnly: true).count { parts.append("\(tasks) open tasks") }
        return parts.joined(separator: "; ")
    }
}

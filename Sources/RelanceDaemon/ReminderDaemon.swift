import Foundation
import Logging
import RelanceConfig
import RelanceCore
import RelanceStore
import ServiceLifecycle
import UnixSignals

/// The long-running `relance run`: a cycle, then sleep until the next thing is due, the ledger changes,
/// SIGHUP asks for a reload, or SIGTERM asks to stop.
///
/// Reloads are applied between cycles, never during one; a stop lets the message in flight finish and
/// be recorded. Idle, it waits on a timer, an inotify read and a signal: no polling.
public struct ReminderDaemon: Service {
    /// How the daemon runs.
    public struct Settings: Sendable {
        public var configPath: String
        /// The longest sleep, whatever is due (default 15 minutes).
        public var ceiling: Duration
        /// `--now`: pretend the daemon started at this instant.
        public var pretendStart: Date?

        public init(configPath: String, ceiling: Duration = .seconds(15 * 60), pretendStart: Date? = nil) {
            self.configPath = configPath
            self.ceiling = ceiling
            self.pretendStart = pretendStart
        }
    }

    let initial: RelanceRuntime
    let settings: Settings
    let logger: Logger
    let notifier: SystemdNotifier

    public init(runtime: RelanceRuntime, settings: Settings, logger: Logger, notifier: SystemdNotifier = SystemdNotifier()) {
        initial = runtime
        self.settings = settings
        self.logger = logger
        self.notifier = notifier
    }

    public func run() async throws {
        let clock = DaemonClock(pretendStart: settings.pretendStart)
        let (events, feed) = AsyncStream<DaemonEvent>.makeStream(bufferingPolicy: .unbounded)
        let stop = StopFlag()
        let heartbeat = Heartbeat()
        let signals = Task {
            for await _ in await UnixSignalsSequence(trapping: .sighup) { feed.yield(.reload) }
        }
        let watchdog = notifier.watchdogInterval.map { interval in
            Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    if heartbeat.isAlive(within: interval * 2) { notifier.watchdog() }
                }
            }
        }
        var runtime = initial
        var watcher = watch(runtime.configuration, feed: feed)
        defer {
            signals.cancel()
            watchdog?.cancel()
            watcher?.stop()
        }
        logger.notice("daemon.started", metadata: ["config": "\(settings.configPath)", "pid": "\(getpid())"])
        await withGracefulShutdownHandler {
            var iterator = events.makeAsyncIterator()
            var generation = 0
            var ready = false
            var rowsReported: LedgerFileStamp?  // the ledger whose bad rows were logged
            cycles: while !stop.isRaised {
                heartbeat.beat()
                let report: CycleReport
                do {
                    var cycle = runtime.cycle(logger: logger, clock: clock)
                    cycle.rejectedRowsReported = rowsReported
                    report = try await cycle.run(now: clock.now()) {
                        heartbeat.beat()
                        return !stop.isRaised
                    }
                    rowsReported = report.ledgerStamp
                    logger.info("cycle.done", metadata: report.logMetadata)
                } catch {
                    // A store failure ends this cycle, not the daemon; the next cycle tries again.
                    logger.error("cycle.failed", metadata: [
                        "error": "\(StoreError.explain(error, storePath: runtime.configuration.statePath))",
                    ])
                    report = CycleReport(startedAt: clock.now())
                }
                // What the cycle built (ledger, plan, rendered messages, the store's page caches) goes back
                // to the system while asleep.
                runtime.store.releaseMemory()
                FreedMemory.release()
                notifier.status(statusLine(report, runtime: runtime))
                if !ready {
                    notifier.ready()
                    ready = true
                }
                generation += 1
                let now = clock.now()
                let ceilingWake = now.addingTimeInterval(settings.ceiling.timeInterval)
                let wake = min(report.nextWakeAt ?? ceilingWake, ceilingWake)
                let delay = max(wake.timeIntervalSince(now), 0.05)
                logger.debug("daemon.sleeping", metadata: ["until": "\(wake.formatted(.iso8601))"])
                let current = generation
                let timer = Task {
                    try? await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
                    if !Task.isCancelled { feed.yield(.timer(generation: current)) }
                }
                defer { timer.cancel() }
                heartbeat.startWaiting()
                waiting: while let event = await iterator.next() {
                    switch event {
                    case .timer(let g) where g == current: break waiting
                    case .timer: continue waiting
                    case .ledgerChanged:
                        // The watcher does not say which of its files changed: both are named.
                        var changed: Logger.Metadata = ["path": "\(runtime.configuration.ledger.path)"]
                        if let payments = runtime.configuration.ledger.paymentsPath { changed["payments"] = "\(payments)" }
                        logger.info("ledger.changed", metadata: changed)
                        break waiting
                    case .reload:
                        if let reloaded = reload(runtime, now: clock.now()) {
                            runtime.close()
                            if reloaded.configuration.ledger != runtime.configuration.ledger {
                                watcher?.stop()
                                watcher = watch(reloaded.configuration, feed: feed)
                            }
                            runtime = reloaded
                            rowsReported = nil  // a new config may read the rows otherwise: say them again
                        }
                        FreedMemory.release()
                        notifier.ready()
                        break waiting
                    case .stop: break cycles
                    }
                }
            }
        } onGracefulShutdown: {
            stop.raise()
            feed.yield(.stop)
        }
        notifier.stopping()
        runtime.close()
        logger.notice("daemon.stopped")
    }

    private func watch(_ configuration: RelanceConfiguration, feed: AsyncStream<DaemonEvent>.Continuation) -> FileChangeWatcher? {
        let paths = [configuration.ledger.path] + (configuration.ledger.paymentsPath.map { [$0] } ?? [])
        do {
            let watcher = try FileChangeWatcher(paths: paths)
            Task {
                for await _ in watcher.changes { feed.yield(.ledgerChanged) }
            }
            return watcher
        } catch {
            logger.warning("ledger.unwatched", metadata: ["error": "\(error)", "fallback": "re-read at least every \(settings.ceiling)"])
            return nil
        }
    }
}

import Foundation
import RelanceConfig
import RelanceCore
import RelanceDaemon
import RelanceStore

/// `relance-bench plan`: the daemon's planning pass over the configured ledger, as `ReminderCycle.run`
/// does it after the ledger sync — the planner's view of the ledger (`planningView`), the tasks of settled
/// invoices closed, the retries and holds due (the ledger indexed by number only when there are some), the
/// planner's view of the past (`plannerState(holds:)`) and `ReminderPlanner.plan` — on a fresh store,
/// so every due invoice advances (the heaviest pass).
///
/// Prints `config_ms parse_ms plan_ms plan_cpu_ms planner_ms invoices clients messages advances tasks lines
/// rejected peak_rss_kib config_peak_rss_kib config_rss_kib ledger_peak_rss_kib ledger_rss_kib`: `plan_ms`
/// is the whole pass, `planner_ms` the pure `ReminderPlanner.plan` call, `peak_rss_kib` the process's peak (config,
/// ledger and plan), `config_*` and `ledger_*` the peak and current size once the config, then the ledger,
/// are loaded.
struct PlanBenchmark {
    let configPath: String
    let arguments: BenchArguments

    init(arguments: inout BenchArguments) throws {
        configPath = try arguments.required("config")
        self.arguments = arguments
    }

    func run() throws {
        let now = try arguments.now()
        let (configuration, configMs) = try milliseconds { try arguments.configuration() }
        FreedMemory.release()  // as the daemon does once its config is loaded
        let configPeak = ProcessMemory.peakKiB
        let configRSS = ProcessMemory.currentKiB
        let (snapshot, parseMs) = try milliseconds { try LedgerSnapshot.read(configuration) }
        FreedMemory.release()  // as the cycle does once the ledger is read
        let ledgerPeak = ProcessMemory.peakKiB
        let ledgerRSS = ProcessMemory.currentKiB
        let store = try SQLiteStore.inMemory()
        let planner = ReminderPlanner(configuration: configuration)
        let zone = TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? TimeZone(identifier: "UTC")!
        let today = LocalDateTime(now, in: zone).date
        var plannerMs = 0.0
        let cpuStart = cpuMilliseconds()
        let (plan, planMs) = try milliseconds {
            let invoices = try store.planningView(snapshot.invoices)
            // As ReminderCycle.run, endHolds and escalationState do: close the tasks of settled invoices, index the
            // ledger by number only when a retry or a hold needs it, then the planner's view of the past.
            _ = try store.closeTasksOfSettled(invoices.filter(\.isSettled).map(\.number), at: now)
            let retries = try store.dueRetries(at: now)
            let holds = try store.standingHolds()
            let open = retries.isEmpty ? [:] : Invoice.byNumber(invoices.filter { !$0.isSettled })
            let byNumber = holds.isEmpty ? [:] : Invoice.byNumber(invoices)
            let standing = holds.filter { HoldReview.ending(of: $0, invoices: byNumber, today: today) == nil }
            let state = try store.plannerState(holds: standing)
            let (plan, spent) = milliseconds { planner.plan(invoices: invoices, state: state, now: now) }
            plannerMs = spent
            withExtendedLifetime((open, byNumber)) {}
            return plan
        }
        let cpuMs = cpuMilliseconds() - cpuStart
        let figures: [(String, String)] = [
            ("config_ms", format(configMs)), ("parse_ms", format(parseMs)), ("plan_ms", format(planMs)), ("plan_cpu_ms", format(cpuMs)),
            ("planner_ms", format(plannerMs)), ("invoices", "\(snapshot.invoices.count)"),
            ("clients", "\(configuration.clients.count)"), ("messages", "\(plan.messages.count)"),
            ("advances", "\(plan.advances.count + plan.messages.reduce(0) { $0 + $1.advances.count })"),
            ("tasks", "\(plan.tasks.count)"), ("lines", "\(plan.messages.reduce(0) { $0 + $1.lines.count })"),
            ("rejected", "\(snapshot.rejected.count)"),
            ("peak_rss_kib", "\(ProcessMemory.peakKiB)"),
            ("config_peak_rss_kib", "\(configPeak)"), ("config_rss_kib", "\(configRSS)"),
            ("ledger_peak_rss_kib", "\(ledgerPeak)"), ("ledger_rss_kib", "\(ledgerRSS)"),
        ]
        print(figures.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
    }
}

/// A figure with one decimal.
func format(_ value: Double) -> String { String(format: "%.1f", value) }

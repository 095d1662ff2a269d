import Foundation
import RelanceConfig
import RelanceCore
import RelanceDaemon
import RelanceMail
import RelanceStore

/// `relance-bench compose`: what rendering costs per message, apart from SMTP and the store. It plans
/// the configured ledger on a fresh in-memory store (as `plan` does), then composes every planned email
/// exactly as the daemon's render stage does (`MessageComposer.compose`: the three Mustache templates in
/// the client's language, the headers, the MIME body with its quoted-printable parts), on one thread,
/// and throws the bytes away.
///
/// Prints `messages compose_ms compose_cpu_ms cpu_us_per_message mean_bytes`. Next to `bench/delivery.sh`'s
/// libcurl reference (SMTP alone) it splits relance's CPU per delivered message into rendering, SMTP and
/// the rest (recording, archiving, threads).
struct ComposeBenchmark {
    let arguments: BenchArguments

    init(arguments: inout BenchArguments) throws {
        _ = try arguments.required("config")
        self.arguments = arguments
    }

    func run() throws {
        let now = try arguments.now()
        let configuration = try arguments.configuration()
        let snapshot = try LedgerSnapshot.read(configuration)
        let store = try SQLiteStore.inMemory()
        let planner = ReminderPlanner(configuration: configuration)
        let zone = TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? TimeZone(identifier: "UTC")!
        let invoices = try store.planningView(snapshot.invoices)
        let state = try store.plannerState(for: invoices, today: LocalDateTime(now, in: zone).date)
        let plan = planner.plan(invoices: invoices, state: state, now: now)
        let composer = MessageComposer(library: try TemplateLibrary(directory: configuration.templatesPath))
        var composed = 0
        var bytes = 0
        let cpuStart = cpuMilliseconds()
        let (_, wallMs) = try milliseconds {
            for planned in plan.messages {
                guard let client = configuration.client(planned.clientID) else { continue }
                let message = try composer.compose(
                    creditor: configuration.creditor, client: client, template: planned.template,
                    stepName: planned.step.name, lines: planned.lines, today: planned.localDate, date: now,
                    timeZone: planner.window(for: client).timeZone,
                    messageID: ReminderCycle.newMessageID(creditor: configuration.creditor))
                composed += 1
                bytes += message.bytes.count
            }
        }
        let cpuMs = cpuMilliseconds() - cpuStart
        guard composed > 0 else { throw BenchArguments.Problem(description: "no message planned: nothing to compose") }
        let figures: [(String, String)] = [
            ("messages", "\(composed)"), ("compose_ms", format(wallMs)), ("compose_cpu_ms", format(cpuMs)),
            ("cpu_us_per_message", format(cpuMs * 1000 / Double(composed))), ("mean_bytes", "\(bytes / composed)"),
        ]
        print(figures.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
    }
}

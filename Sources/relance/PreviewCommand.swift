import ArgumentParser
import Foundation
import RelanceCore
import RelanceDaemon
import RelanceStore

/// `relance preview`: what would be sent or raised, and when, without sending.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview", abstract: "Show what would be sent or raised, and when, without sending anything.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Pretend it is this instant (ISO 8601 with offset).")
    var now: String?

    @Option(help: "How many days ahead to look.")
    var days: Int = 14

    @Flag(help: "One JSON object on stdout.")
    var json = false

    struct Output: Encodable {
        struct Line: Encodable {
            var invoice: String
            var outstanding: String
            var currency: String
            var days_late: Int
        }
        struct Item: Encodable {
            var at: String
            var local_time: String
            var kind: String
            var client: String
            var step: String
            var action: String
            var template: String?
            var invoices: [String]
            var listed: [Line]
            var skipped: [String]
        }
        var now: String
        var days: Int
        var held: String?
        var items: [Item]
        var deferred: [Int64]
        var unknown: [Int64]
        /// What the next cycle does with each deferred message (the text's "deferred message …" lines).
        var retries: [Retry]
    }

    /// A deferred message and its fate at the next cycle: `send` (at `next_attempt`), `wait` (a hold),
    /// `cancel` or `give_up` (past `max_deferred_hours`), with the reason when there is one.
    struct Retry: Encodable {
        var id: Int64
        var client: String
        var step: String
        var verdict: String
        var reason: String?
        var next_attempt: String?
        /// Invoices the retry leaves out (settled, gone or on hold): they get their step back.
        var left_out: [String]?
    }

    func run() throws {
        guard days >= 0 else { throw ValidationError("--days must be 0 or more") }
        let start = try now.map(Terminal.parseInstant) ?? Date()
        let configuration = try global.loadConfiguration().configuration
        let snapshot: LedgerSnapshot
        do { snapshot = try LedgerSnapshot.read(configuration) } catch {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
        var state = PlannerState(reached: [:], clients: [:])
        var invoices = snapshot.invoices
        var deferred: [MessageRecord] = []
        var unknown: [MessageRecord] = []
        var decisions: [Int64: RetryDecision] = [:]
        var paymentsHeld: String?
        var endingHolds: [Hold] = []
        let planner = ReminderPlanner(configuration: configuration)
        if FileManager.default.fileExists(atPath: configuration.statePath) {
            do {
                // Exactly what the cycle would see: holds, gates, approvals, write-offs, recorded payments.
                let store = try SQLiteStore(path: configuration.statePath)
                let zone = TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? TimeZone(identifier: "UTC")!
                // The payments file counts as in the cycle; one that cannot be read holds every send there.
                var filePaid: [String: Money] = [:]
                do {
                    filePaid = try PaymentsFile.read(
                        configuration, invoices: snapshot.invoices, on: LocalDateTime(start, in: zone).date)?.paid ?? [:]
                } catch {
                    paymentsHeld = error.description
                }
                invoices = try store.planningView(snapshot.invoices, filePaid: filePaid)
                state = try store.plannerState(for: invoices, today: LocalDateTime(start, in: zone).date)
                // A hold the cycle will end first (its last day is past) restarts the run of refusals of the
                // messages it covers, as ending it does in the store.
                let ending = try store.standingHolds().filter { hold in !state.holds.contains { $0.id == hold.id } }
                endingHolds = ending
                deferred = try store.messages(states: [.deferred]).map { message in
                    var message = message
                    if ending.contains(where: { hold in message.invoices.contains { hold.covers(invoice: $0, client: message.clientID) } }) {
                        message.deferredSince = nil
                    }
                    return message
                }
                unknown = try store.messages(states: [.unknown])
                // The cycle reviews its retries before it plans: those it cancels give their steps back
                // and stop blocking their client, so what it then plans for them shows here too.
                decisions = Self.retryDecisions(
                    deferred, invoices: invoices, state: state, planner: planner, configuration: configuration, at: start)
                let cancelling = Set(deferred.filter { if case .cancel = decisions[$0.id] { true } else { false } }.map(\.id))
                let trimming = Self.trimmed(deferred, decisions: decisions)
                if !cancelling.isEmpty || !trimming.isEmpty {
                    state = try store.plannerState(
                        for: invoices, today: LocalDateTime(start, in: zone).date, cancelling: cancelling, trimming: trimming)
                }
                // The retries it makes: taken as delivered at their next attempt, so the ladder goes on after.
                state = Self.assumingRetries(state, deferred: deferred, decisions: decisions, planner: planner, configuration: configuration, at: start)
            } catch {
                Terminal.error(OperatorStore.describe(error, storePath: configuration.statePath))
                throw ExitCode(2)
            }
        }
        // The holds the cycle will end first are ended at the start of the preview, as it ends them: a promise
        // broken or a plan missed opens its task now.
        state.holds += endingHolds
        let items = PreviewSimulator(planner: planner).preview(invoices: invoices, state: state, now: start, days: days)
        let held = LedgerFreshness(modified: snapshot.modified, now: start, maxAgeHours: configuration.ledger.maxAgeHours).heldReason
            ?? paymentsHeld
        let output = Output(
            now: Terminal.iso(start), days: days, held: held,
            items: items.map { item in
                let zone = configuration.client(item.clientID).map { planner.window(for: $0).timeZone } ?? TimeZone(identifier: "UTC")!
                return Output.Item(
                    at: Terminal.iso(item.at), local_time: Terminal.local(item.at, zone), kind: item.kind.rawValue,
                    client: item.clientID, step: item.step, action: item.action.rawValue, template: item.template,
                    invoices: item.invoices,
                    listed: item.listed.map {
                        Output.Line(invoice: $0.invoice.number, outstanding: $0.invoice.outstanding.plainText,
                            currency: $0.invoice.amount.currency.code, days_late: $0.daysLate)
                    },
                    skipped: item.skipped)
            },
            deferred: deferred.map(\.id), unknown: unknown.map(\.id),
            retries: deferred.map { Self.retry($0, decisions[$0.id], planner: planner, configuration: configuration, at: start) })
        if json { return try Terminal.printJSON(output) }
        Terminal.print("Preview from \(Terminal.iso(start)) for \(days) days (nothing is sent).")
        if let held { Terminal.print("HELD: \(held)") }
        if output.items.isEmpty { Terminal.print("Nothing would be sent or raised.") }
        for item in output.items {
            let total = item.listed.map { "\($0.invoice) \($0.outstanding) \($0.currency)" }.joined(separator: "; ")
            let what = switch item.kind {
            case "email": "email \(item.template ?? "")"
            case "approval": "\(item.action) waits for approval (relance approve ID)"
            default: "task \(item.action)"
            }
            Terminal.print("\(item.local_time)  \(item.client)  \(item.step)  \(what)  invoices: \(item.invoices.joined(separator: ","))"
                + (total.isEmpty ? "" : "  lists: \(total)")
                + (item.skipped.isEmpty ? "" : "  skips: \(item.skipped.joined(separator: ","))"))
        }
        for retry in output.retries {
            let next = switch retry.verdict {
            case "cancel": "cancelled at the next cycle: \(retry.reason ?? ""); the steps it recorded are given back"
            case "wait": "on hold: retried once the hold ends"
            case "give_up": "given up at its next attempt (\(retry.reason ?? "")): a task for a person"
            default: "next attempt \(retry.next_attempt ?? "-") (the plan above takes it as delivered then)"
                + (retry.left_out.map { "; it leaves out \($0.joined(separator: ",")), whose step is given back" } ?? "")
            }
            Terminal.print("deferred message \(retry.id) to \(retry.client) (\(retry.step)): \(next)")
        }
        for message in unknown {
            Terminal.print("UNKNOWN message \(message.id) to \(message.clientID) (\(message.stepName)): may have been delivered; not resent")
        }
    }

    /// What the cycle's retry will do with each deferred message (`ReminderPlanner.reviewRetry`), by id.
    private static func retryDecisions(
        _ deferred: [MessageRecord], invoices: [Invoice], state: PlannerState, planner: ReminderPlanner,
        configuration: RelanceConfiguration, at start: Date
    ) -> [Int64: RetryDecision] {
        guard !deferred.isEmpty else { return [:] }
        let open = Invoice.byNumber(invoices.filter { !$0.isSettled })
        var decisions: [Int64: RetryDecision] = [:]
        for message in deferred {
            decisions[message.id] = configuration.client(message.clientID).map { client in
                planner.reviewRetry(
                    step: message.stepName, listed: message.invoices, client: client, open: open, holds: state.holds,
                    reached: state.reached, today: LocalDateTime(start, in: planner.window(for: client).timeZone).date)
            } ?? .cancel(reason: "client removed from the config")
        }
        return decisions
    }
}

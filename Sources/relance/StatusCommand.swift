import ArgumentParser
import Foundation
import RelanceCore
import RelanceDaemon
import RelanceStore

/// `relance status`: open invoices by stage, messages by state, open tasks, last cycle.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Open invoices by stage, messages by state, open tasks, last cycle.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "One JSON object on stdout.")
    var json = false

    struct Output: Encodable {
        struct Stage: Encodable {
            var stage: String
            var invoices: Int
            var outstanding: [String: String]
        }
        struct Task: Encodable {
            var id: Int64
            var client: String
            var invoice: String
            var step: String
            var action: String
            var summary: String
            var opened: String
        }
        struct Message: Encodable {
            var id: Int64
            var client: String
            var step: String
            var invoices: [String]
            var message_id: String
            var updated: String
            var reply: String?
        }
        struct Cycle: Encodable {
            var started: String
            var finished: String
            var planned, sent, deferred, failed, unknown, tasks: Int
            var held: String?
        }
        var stages: [Stage]
        var messages: [String: Int]
        var open_tasks: [Task]
        var unknown_messages: [Message]
        var last_cycle: Cycle?
    }

    func run() throws {
        let configuration = try global.loadConfiguration(printWarnings: false).configuration
        let output: Output
        do {
            let store = try SQLiteStore(path: configuration.statePath)
            output = try Self.collect(store, configuration: configuration)
        } catch {
            Terminal.error(OperatorStore.describe(error, storePath: configuration.statePath))
            throw ExitCode(2)
        }
        if json { return try Terminal.printJSON(output) }
        if let held = output.last_cycle?.held { Terminal.print("HELD: \(held)") }
        Terminal.print("Open invoices by stage:")
        if output.stages.isEmpty { Terminal.print("  none") }
        for stage in output.stages {
            let sums = stage.outstanding.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            Terminal.print("  \(stage.stage.padding(toLength: 26, withPad: " ", startingAt: 0)) \(stage.invoices) invoice(s), \(sums)")
        }
        Terminal.print("Messages by state: " + (output.messages.isEmpty ? "none" : output.messages.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))
        Terminal.print("Open tasks: \(output.open_tasks.count)")
        for task in output.open_tasks { Terminal.print("  #\(task.id) \(task.client) \(task.invoice) \(task.step): \(task.summary)") }
        for message in output.unknown_messages {
            Terminal.print("UNKNOWN message #\(message.id) to \(message.client) (\(message.step), \(message.invoices.joined(separator: ","))) <\(message.message_id)>: may have been delivered; check with the mail server, it is never resent")
        }
        if let cycle = output.last_cycle {
            Terminal.print("Last cycle: \(cycle.finished) planned \(cycle.planned), sent \(cycle.sent), deferred \(cycle.deferred), failed \(cycle.failed), unknown \(cycle.unknown), tasks \(cycle.tasks)")
        } else {
            Terminal.print("Last cycle: none yet")
        }
    }

    static func collect(_ store: SQLiteStore, configuration: RelanceConfiguration) throws -> Output {
        var stages: [String: (count: Int, sums: [String: Money])] = [:]
        let gates = try store.openGates()
        let holds = try store.standingHolds()
        let closures = try store.closures()
        let waiting = Dictionary(try store.approvals().filter(\.waiting).map { ($0.invoice, $0.step) }, uniquingKeysWith: { a, _ in a })
        let stored = try store.invoices()
        // Paid as the cycle counts it: the payments file up to today and `relance pay` too.
        let balances = try InvoiceBalances(store, configuration, invoices: stored)
        for var invoice in stored where invoice.inLedger && closures[invoice.number] == nil {
            invoice.paid = balances.paid(invoice)
            guard invoice.paid < invoice.amount else { continue }
            let schedule = configuration.client(invoice.clientID).flatMap { configuration.schedules[$0.scheduleName] }
            let reached = schedule.flatMap { schedule in
                ReminderPlanner.reachedIndex(invoice.reached, in: schedule).map { schedule.steps[$0] }
            }
            let stage = EscalationStage.of(
                settled: false, closure: nil,
                hold: holds.first { $0.covers(invoice: invoice.number, client: invoice.clientID) },
                waitingApproval: waiting[invoice.number], reached: reached, gateOpen: gates.contains(invoice.number)
            ).description
            let outstanding = invoice.amount - invoice.paid
            var entry = stages[stage] ?? (0, [:])
            entry.count += 1
            entry.sums[outstanding.currency.code] = (entry.sums[outstanding.currency.code] ?? .zero(outstanding.currency)) + outstanding
            stages[stage] = entry
        }
        let byState = Dictionary(uniqueKeysWithValues: try store.messageCounts().map { ($0.key.rawValue, $0.value) })
        let cycle = try store.lastCycle()
        return Output(
            stages: stages.sorted { $0.key < $1.key }.map { Output.Stage(stage: $0.key, invoices: $0.value.count, outstanding: $0.value.sums.mapValues(\.plainText)) },
            messages: byState,
            open_tasks: try store.tasks(openOnly: true).map {
                Output.Task(id: $0.id, client: $0.clientID, invoice: $0.invoice, step: $0.stepName, action: $0.action.rawValue,
                    summary: $0.summary, opened: Terminal.iso($0.createdAt))
            },
            unknown_messages: try store.messages(states: [.unknown]).map {
                Output.Message(id: $0.id, client: $0.clientID, step: $0.stepName, invoices: $0.invoices, message_id: $0.messageID,
                    updated: Terminal.iso($0.updatedAt), reply: $0.lastReply)
            },
            last_cycle: cycle.map {
                Output.Cycle(started: Terminal.iso($0.startedAt), finished: Terminal.iso($0.finishedAt), planned: $0.planned, sent: $0.sent,
                    deferred: $0.deferred, failed: $0.failed, unknown: $0.unknown, tasks: $0.tasks, held: $0.heldReason)
            })
    }
}

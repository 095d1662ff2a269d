import ArgumentParser
import Foundation
import RelanceCore
import RelanceDaemon
import RelanceStore

/// `relance tasks [--open] [--json]`: the work for people, and the steps waiting for approval.
struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tasks", abstract: "List tasks for people and approvals waiting.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only open tasks.") var open = false
    @Flag(help: "JSON on stdout.") var json = false

    struct Output: Encodable {
        struct Task: Encodable {
            var id: Int64
            var client, invoice, step, action, state, summary, opened: String
            /// What the person recorded when closing it (absent while open).
            var outcome, reference, received, closed: String?
            /// An open task whose invoice was paid in part since it opened: what arrived since and what is
            /// still due now, as the cycle counts it (a formal notice's letter then asks for too much).
            var received_since, still_due: String?
        }
        struct Approval: Encodable {
            var id: Int64
            var client, invoice, step, action: String
            var waiting: Bool
            /// Why a waiting approval would change nothing now (its invoice paid, written off, gone from the
            /// ledger or on hold, its client no longer in the config); absent while it is still needed.
            var moot: String?
        }
        var tasks: [Task]
        var approvals: [Approval]
    }

    func run() throws {
        let output = try OperatorStore.with(global) { store, configuration in
            let outcomes = try store.taskOutcomes()
            let balances = try InvoiceBalances(store, configuration)
            let moot = try Self.mootApprovals(store, configuration, balances: balances)
            return Output(
                tasks: try store.tasks(openOnly: open).map {
                    let closed = outcomes[$0.id]
                    // Paid in part since it opened: what came in, and what is still due now.
                    var since: (received: Money, due: Money)?
                    if $0.state == .open, let then = $0.stillDueMinor, let now = balances.stillDue($0.invoice),
                        now.minorUnits < then
                    {
                        since = (Money(minorUnits: then - now.minorUnits, currency: now.currency), now)
                    }
                    return .init(id: $0.id, client: $0.clientID, invoice: $0.invoice, step: $0.stepName, action: $0.action.rawValue,
                        state: $0.state.rawValue, summary: $0.summary, opened: Terminal.iso($0.createdAt),
                        outcome: closed?.outcome, reference: closed?.reference, received: closed?.received?.description,
                        closed: closed.map { Terminal.iso($0.closedAt) }, received_since: since.map { "\($0.received)" },
                        still_due: since.map { "\($0.due)" })
                },
                approvals: try store.approvals().filter { !open || $0.waiting }.map {
                    .init(id: $0.id, client: $0.clientID, invoice: $0.invoice, step: $0.step, action: $0.action, waiting: $0.waiting,
                        moot: $0.waiting ? moot($0.invoice, $0.clientID) : nil)
                })
        }
        if json { return try Terminal.printJSON(output) }
        Terminal.print(output.tasks.isEmpty ? "No tasks." : "Tasks:")
        for t in output.tasks {
            Terminal.print(
                "  #\(t.id) [\(t.state)] \(t.client) \(t.invoice) \(t.step): \(t.summary)" + Self.closing(t) + Self.paidSince(t))
        }
        let waiting = output.approvals.filter(\.waiting)
        if !waiting.isEmpty { Terminal.print("Waiting for approval (relance approve ID):") }
        for a in waiting {
            Terminal.print("  #\(a.id) \(a.client) \(a.invoice) \(a.step) (\(a.action))" + (a.moot.map { " — not needed now: \($0)" } ?? ""))
        }
    }

    /// Why an approval for `invoice` of `client` would change nothing now, if it would not.
    static func mootApprovals(
        _ store: SQLiteStore, _ configuration: RelanceConfiguration, balances: InvoiceBalances
    ) throws -> (String, String) -> String? {
        let closures = try store.closures()
        let holds = try store.standingHolds()
        return { number, client in
            guard let configured = configuration.client(client) else { return "client \(client) is no longer in the config" }
            if configured.insolvent { return "client under collective proceedings (insolvent)" }
            if closures[number] != nil { return "invoice written off or cancelled" }
            guard let invoice = balances.invoices[number], invoice.clientID == client, invoice.inLedger else {
                return "invoice no longer in the ledger"
            }
            if balances.paid(invoice) >= invoice.amount { return "invoice paid" }
            if holds.contains(where: { $0.covers(invoice: number, client: client) }) { return "invoice on hold" }
            return nil
        }
    }

    /// ` — since it opened: 2000.00 EUR received, 345.67 EUR still due` for an open task paid in part since;
    /// a formal notice's adds that its letter now asks for too much.
    static func paidSince(_ task: Output.Task) -> String {
        guard let received = task.received_since, let due = task.still_due else { return "" }
        let letter = task.action == StepAction.formalNotice.rawValue
            ? "; the letter asks for more than is due: write a new one before posting" : ""
        return " — since it opened: \(received) received, \(due) still due\(letter)"
    }

    /// ` — outcome (reference 1A…, received 2026-12-18)` for a closed task.
    static func closing(_ task: Output.Task) -> String {
        guard let outcome = task.outcome else { return "" }
        let notes = [task.reference.map { "reference \($0)" }, task.received.map { "received \($0)" }].compactMap { $0 }
        return " — \(outcome)" + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")
    }
}

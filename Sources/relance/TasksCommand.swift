import ArgumentParser
import Foundation
import RelanceStore

/// `relance tasks [--open] [--json]`: the work for people, and the steps waiting for approval.
struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tasks", abstract: "List tasks for people and approvals waiting.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only open tasks.") var open = false
    @Flag(help: "JSON on stdout.") var json = false

    struct Output: Encodable {
        struct Task: Encodable { var id: Int64; var client, invoice, step, action, state, summary, opened: String }
        struct Approval: Encodable { var id: Int64; var client, invoice, step, action: String; var waiting: Bool }
        var tasks: [Task]
        var approvals: [Approval]
    }

    func run() throws {
        let output = try OperatorStore.with(global) { store, _ in
            Output(
                tasks: try store.tasks(openOnly: open).map {
                    .init(id: $0.id, client: $0.clientID, invoice: $0.invoice, step: $0.stepName, action: $0.action.rawValue,
                        state: $0.state.rawValue, summary: $0.summary, opened: Terminal.iso($0.createdAt))
                },
                approvals: try store.approvals().filter { !open || $0.waiting }.map {
                    .init(id: $0.id, client: $0.clientID, invoice: $0.invoice, step: $0.step, action: $0.action, waiting: $0.waiting)
                })
        }
        if json { return try Terminal.printJSON(output) }
        Terminal.print(output.tasks.isEmpty ? "No tasks." : "Tasks:")
        for t in output.tasks { Terminal.print("  #\(t.id) [\(t.state)] \(t.client) \(t.invoice) \(t.step): \(t.summary)") }
        let waiting = output.approvals.filter(\.waiting)
        if !waiting.isEmpty { Terminal.print("Waiting for approval (relance approve ID):") }
        for a in waiting { Terminal.print("  #\(a.id) \(a.client) \(a.invoice) \(a.step) (\(a.action))") }
    }
}

/// `relance task done ID` / `relance task skip ID --reason`.
struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", abstract: "Close a task: done (with its outcome) or skipped.", subcommands: [Done.self, Skip.self])

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a task done; the ladder goes on at the next cycle.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Task number (relance tasks).") var id: Int64
        @Option(help: "What happened (e.g. \"promised to pay Friday\").") var outcome: String = "done"
        @Option(help: "A reference, e.g. the registered-letter number.") var reference: String?

        func run() throws {
            try OperatorStore.with(global) { store, _ in
                try store.closeTask(id: id, skipped: false, outcome: outcome, reference: reference, by: "operator", at: Date())
            }
            Terminal.print("task \(id) done")
        }
    }

    struct Skip: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Skip a task; the ladder goes on at the next cycle.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Task number (relance tasks).") var id: Int64
        @Option(help: "Why it is skipped.") var reason: String

        func run() throws {
            try OperatorStore.with(global) { store, _ in
                try store.closeTask(id: id, skipped: true, outcome: reason, reference: nil, by: "operator", at: Date())
            }
            Terminal.print("task \(id) skipped")
        }
    }
}

/// `relance approve ID`: lets a severe step (formal notice, legal) go ahead at the next cycle.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve a step waiting for approval.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Approval number (relance tasks, relance preview).") var id: Int64

    func run() throws {
        try OperatorStore.with(global) { store, _ in try store.approve(id: id, by: "operator", at: Date()) }
        Terminal.print("approval \(id) granted; the step is applied at the next cycle")
    }
}

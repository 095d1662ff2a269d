import ArgumentParser
import Foundation
import RelanceCore
import RelanceStore

/// `relance task done ID` / `relance task skip ID --reason`.
struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", abstract: "Close a task: done (with its outcome) or skipped.", subcommands: [Done.self, Skip.self])

    /// What `task done|skip --json` prints.
    struct Output: Encodable {
        struct Task: Encodable {
            var id: Int64
            var client, invoice, step, action, state, outcome: String
            var reference, received: String?
        }
        var task: Task
        var journal: [JournalEntryOutput]
    }

    /// Closes the open task `id`; refuses an unknown or already closed one (exit 1).
    static func close(
        _ id: Int64, skipped: Bool, outcome: String, reference: String?, received: String?, global: GlobalOptions, action: ActionOptions
    ) throws -> Output {
        try OperatorStore.with(global, json: action.json) { store, configuration in
            guard let task = try store.tasks(openOnly: false).first(where: { $0.id == id }) else {
                throw ValidationError("no task \(id) (relance tasks lists them)")
            }
            guard task.state == .open else { throw ValidationError("task \(id) is already \(task.state.rawValue)") }
            let day = try received.map { try receipt($0, today: try action.today(configuration)) }
            let head = try store.journalHeadID()
            try store.closeTask(
                id: id, skipped: skipped, outcome: outcome, reference: reference, received: day, by: "operator", at: try action.instant())
            return Output(
                task: .init(
                    id: id, client: task.clientID, invoice: task.invoice, step: task.stepName, action: task.action.rawValue,
                    state: skipped ? "skipped" : "done", outcome: outcome, reference: reference, received: day?.description),
                journal: try JournalEntryOutput.recorded(in: store, after: head))
        }
    }

    /// `--received`: a date, not after today.
    static func receipt(_ text: String, today: LocalDate) throws -> LocalDate {
        let day = try OperatorStore.date(text, "--received")
        guard day <= today else { throw ValidationError("--received: \(text) is in the future (today is \(today))") }
        return day
    }

    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a task done; the ladder goes on at the next cycle.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var action: ActionOptions
        @Argument(help: "Task number (relance tasks).") var id: Int64
        @Option(help: "What happened (e.g. \"promised to pay Friday\").") var outcome: String = "done"
        @Option(help: "A reference, e.g. the registered-letter number.") var reference: String?
        @Option(help: "The day the letter was received (YYYY-MM-DD, not in the future), e.g. from the acknowledgement of receipt.")
        var received: String?

        func run() throws {
            let output = try TaskCommand.close(
                id, skipped: false, outcome: outcome, reference: reference, received: received, global: global, action: action)
            try ActionOutput.emit(json: action.json, output, line: "task \(id) done")
        }
    }

    struct Skip: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Skip a task; the ladder goes on at the next cycle.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var action: ActionOptions
        @Argument(help: "Task number (relance tasks).") var id: Int64
        @Option(help: "Why it is skipped.") var reason: String

        func run() throws {
            let output = try TaskCommand.close(
                id, skipped: true, outcome: reason, reference: nil, received: nil, global: global, action: action)
            try ActionOutput.emit(json: action.json, output, line: "task \(id) skipped")
        }
    }
}

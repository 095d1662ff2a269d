import ArgumentParser
import Foundation
import RelanceStore

/// `relance approve ID`: lets a severe step (formal notice, legal) go ahead at the next cycle.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve a step waiting for approval.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "Approval number (relance tasks, relance preview).") var id: Int64

    struct Output: Encodable {
        struct Approval: Encodable { var id: Int64; var client, invoice, step, action, state: String }
        var approval: Approval
        var journal: [JournalEntryOutput]
    }

    func run() throws {
        let output = try OperatorStore.with(global, json: action.json) { store, configuration in
            guard let approval = try store.approvals().first(where: { $0.id == id }) else {
                throw ValidationError("no approval \(id) (relance tasks lists them)")
            }
            guard approval.waiting else { throw ValidationError("approval \(id) is already approved") }
            // An approval for a situation that no longer is (the invoice paid, written off, on hold…) would
            // still count if it came back weeks later: it is asked again then, not granted now.
            let balances = try InvoiceBalances(store, configuration)
            if let moot = try TasksCommand.mootApprovals(store, configuration, balances: balances)(
                approval.invoice, approval.clientID)
            {
                throw ValidationError(
                    "approval \(id) is not needed now (\(moot)); nothing recorded: it is asked again if the step comes due")
            }
            let head = try store.journalHeadID()
            try store.approve(id: id, by: "operator", at: try action.instant())
            return Output(
                approval: .init(id: id, client: approval.clientID, invoice: approval.invoice, step: approval.step, action: approval.action, state: "approved"),
                journal: try JournalEntryOutput.recorded(in: store, after: head))
        }
        try ActionOutput.emit(json: action.json, output, line: "approval \(id) granted; the step is applied at the next cycle")
    }
}

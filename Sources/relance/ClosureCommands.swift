import ArgumentParser
import Foundation
import RelanceCore
import RelanceStore

/// `relance pay INVOICE AMOUNT [--date D]`: a payment known before the next ledger export.
struct PayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pay", abstract: "Record a payment known before the next ledger export.",
        discussion: "It counts until the export shows it: relance takes the larger of the two, never their sum.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "Invoice number.") var invoice: String
    @Argument(help: "Amount received (decimal with a dot).") var amount: String
    @Option(
        help: "The day the funds reached you (YYYY-MM-DD, today or before; default today). A claim counts interest until it.")
    var date: String?
    @Flag(
        help: "Accept an amount larger than what is still due (the client paid more): by default it is refused as a likely typo.")
    var overpaid = false

    struct Output: Encodable {
        struct Payment: Encodable { var invoice, client, amount, currency, date: String }
        var payment: Payment
        /// What relance now counts as paid and still due for the invoice, and whether it is settled.
        var paid, outstanding: String
        var settled: Bool
        var journal: [JournalEntryOutput]
    }

    func run() throws {
        let output = try OperatorStore.with(global, json: action.json) { store, configuration in
            let stored = try OperatorStore.invoice(invoice, in: store)
            guard let money = Money(decimal: amount, currency: stored.amount.currency), money.isPositive else {
                throw ValidationError("not a positive amount in \(stored.amount.currency.code): \(amount)")
            }
            let today = try action.today(configuration)
            let day = try date.map { try OperatorStore.date($0, "--date") } ?? today
            // A claim dates the payment on this day (interest runs until it): the funds cannot arrive later.
            guard day <= today else {
                throw ValidationError("--date \(day) is after today (\(today)): funds not yet received")
            }
            // A typo (an extra digit) would settle the invoice and end its reminders without a word.
            let balances = try InvoiceBalances(store, configuration, invoices: [stored])
            let before = balances.paid(stored)
            let due = balances.stillDue(invoice) ?? stored.amount
            guard overpaid || money <= due else {
                throw ValidationError(
                    "\(money.plainText) is more than the \(due) still due on \(invoice) (amount \(stored.amount.plainText), "
                        + "paid \(before.plainText)): nothing recorded; give --overpaid if the client paid more than was due")
            }
            let head = try store.journalHeadID()
            try store.recordPayment(invoice: invoice, amount: money, date: day, ledgerPaid: stored.paid, by: "operator", at: try action.instant())
            let paid = max(try store.manuallyPaid()[invoice] ?? stored.paid, stored.paid)
            let outstanding = paid >= stored.amount ? Money(minorUnits: 0, currency: stored.amount.currency) : stored.amount - paid
            return Output(
                payment: .init(invoice: invoice, client: stored.clientID, amount: money.plainText, currency: money.currency.code, date: day.description),
                paid: paid.plainText, outstanding: outstanding.plainText, settled: paid >= stored.amount,
                journal: try JournalEntryOutput.recorded(in: store, after: head))
        }
        try ActionOutput.emit(
            json: action.json, output,
            line: "payment recorded for \(invoice)" + (output.settled ? "; it is settled and will not be reminded again" : ""))
    }
}

/// `relance write-off INVOICE --reason R`: the invoice leaves the ladder for good.
struct WriteOffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "write-off", abstract: "Write an invoice off: never reminded again.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "Invoice number.") var invoice: String
    @Option(help: "Why (kept in the journal).") var reason: String

    struct Output: Encodable {
        struct Closure: Encodable { var invoice, client, reason, note, outstanding, currency: String }
        var closure: Closure
        /// The tasks closed with it.
        var closed_tasks: [Int64]
        var journal: [JournalEntryOutput]
    }

    func run() throws {
        let output = try OperatorStore.with(global, json: action.json) { store, _ in
            let stored = try OperatorStore.invoice(invoice, in: store)
            guard try store.closures()[invoice] == nil else { throw ValidationError("\(invoice) is already closed") }
            let open = try store.tasks(openOnly: true).filter { $0.invoice == invoice }.map(\.id)
            let head = try store.journalHeadID()
            try store.closeInvoice(invoice, reason: .writtenOff, note: reason, by: "operator", at: try action.instant())
            let outstanding = stored.paid >= stored.amount ? Money(minorUnits: 0, currency: stored.amount.currency) : stored.amount - stored.paid
            return Output(
                closure: .init(
                    invoice: invoice, client: stored.clientID, reason: ClosureReason.writtenOff.rawValue, note: reason,
                    outstanding: outstanding.plainText, currency: stored.amount.currency.code),
                closed_tasks: open, journal: try JournalEntryOutput.recorded(in: store, after: head))
        }
        try ActionOutput.emit(json: action.json, output, line: "\(invoice) written off; its open tasks are closed")
    }
}

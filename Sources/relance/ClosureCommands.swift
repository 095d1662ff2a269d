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
    @Argument(help: "Invoice number.") var invoice: String
    @Argument(help: "Amount received (decimal with a dot).") var amount: String
    @Option(help: "The day the funds reached you (YYYY-MM-DD; default today).") var date: String?

    func run() throws {
        let settled = try OperatorStore.with(global) { store, _ -> Bool in
            let stored = try OperatorStore.invoice(invoice, in: store)
            guard let money = Money(decimal: amount, currency: stored.amount.currency), money.isPositive else {
                throw ValidationError("not a positive amount in \(stored.amount.currency.code): \(amount)")
            }
            let day = try date.map { try OperatorStore.date($0, "--date") }
                ?? LocalDateTime(Date(), in: TimeZone.current).date
            try store.recordPayment(invoice: invoice, amount: money, date: day, ledgerPaid: stored.paid, by: "operator", at: Date())
            return stored.paid + money >= stored.amount
        }
        Terminal.print("payment recorded for \(invoice)" + (settled ? "; it is settled and will not be reminded again" : ""))
    }
}

/// `relance write-off INVOICE --reason R`: the invoice leaves the ladder for good.
struct WriteOffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "write-off", abstract: "Write an invoice off: never reminded again.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Invoice number.") var invoice: String
    @Option(help: "Why (kept in the journal).") var reason: String

    func run() throws {
        try OperatorStore.with(global) { store, _ in
            _ = try OperatorStore.invoice(invoice, in: store)
            try store.closeInvoice(invoice, reason: .writtenOff, note: reason, by: "operator", at: Date())
        }
        Terminal.print("\(invoice) written off; its open tasks are closed")
    }
}

import ArgumentParser
import Foundation
import RelanceCore
import RelanceDaemon
import RelanceStore

/// `relance promise INVOICE --amount A --date D [--grace N]`: reminders stop until the date plus grace.
struct PromiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "promise", abstract: "Record a promise to pay.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "Invoice number.") var invoice: String
    @Option(help: "Amount promised (decimal with a dot).") var amount: String
    @Option(help: "Date promised (YYYY-MM-DD).") var date: String
    @Option(help: "Days of grace after the date before the promise counts as broken.") var grace: Int = 3

    func run() throws {
        let output = try OperatorStore.with(global, json: action.json) { store, configuration in
            let stored = try OperatorStore.invoice(invoice, in: store)
            guard let money = Money(decimal: amount, currency: stored.amount.currency), money.isPositive else {
                throw ValidationError("--amount: not a positive amount in \(stored.amount.currency.code): \(amount)")
            }
            // Kept when this amount arrives on top of what the next cycle will see as paid today (the ledger
            // file as it is now, `relance pay` included).
            let today = try action.today(configuration)
            let kind = HoldKind.promise(
                amount: money, date: try OperatorStore.date(date, "--date", notBefore: today), graceDays: max(grace, 0),
                paidAtStart: try store.paidAsPlanned(
                    invoice, ledgerPaid: try OperatorStore.ledgerPaidNow(stored, configuration, today: today)))
            return try HoldCommandOutput.add(.invoice(invoice), kind, client: stored.clientID, store: store, at: try action.instant())
        }
        try ActionOutput.emit(
            json: action.json, output, line: "hold \(output.hold?.id ?? 0): reminders for \(invoice) wait until \(date) + \(grace) days")
    }
}

/// `relance plan INVOICE --instalment 2026-12-01=500.00 … [--grace N]`: a payment plan.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Record a payment plan (instalments).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "Invoice number.") var invoice: String
    @Option(name: .customLong("instalment"), help: "DATE=AMOUNT, repeatable.") var instalments: [String]
    @Option(help: "Days of grace after each instalment date.") var grace: Int = 3

    func run() throws {
        let output = try OperatorStore.with(global, json: action.json) { store, configuration in
            let stored = try OperatorStore.invoice(invoice, in: store)
            let list = try instalments.map { text -> Instalment in
                let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let money = Money(decimal: parts[1], currency: stored.amount.currency), money.isPositive else {
                    throw ValidationError("--instalment: expected DATE=AMOUNT, got \(text)")
                }
                return Instalment(date: try OperatorStore.date(parts[0], "--instalment"), amount: money)
            }
            guard !list.isEmpty else { throw ValidationError("give at least one --instalment DATE=AMOUNT") }
            // The instalments count from what the next cycle will see as paid today (the ledger file as it is
            // now, payments told with `relance pay` included): an earlier payment must not pass for the first
            // instalment, even one in an export newer than the last cycle.
            let paidAtStart = try store.paidAsPlanned(
                invoice, ledgerPaid: try OperatorStore.ledgerPaidNow(stored, configuration, today: try action.today(configuration)))
            let kind = HoldKind.plan(
                instalments: list.sorted { $0.date < $1.date }, graceDays: max(grace, 0), paidAtStart: paidAtStart)
            return try HoldCommandOutput.add(.invoice(invoice), kind, client: stored.clientID, store: store, at: try action.instant())
        }
        try ActionOutput.emit(
            json: action.json, output,
            line: "hold \(output.hold?.id ?? 0): payment plan for \(invoice) with \(instalments.count) instalment(s)")
    }
}

/// `relance dispute INVOICE --reason R --review DATE`: only that invoice stops until the review.
struct DisputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dispute", abstract: "Record a dispute on one invoice.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Argument(help: "Invoice number.") var invoice: String
    @Option(help: "What the client disputes.") var reason: String
    @Option(help: "When a person decides (YYYY-MM-DD).") var review: String

    func run() throws {
        let output = try OperatorStore.with(global, json: action.json) { store, configuration in
            let stored = try OperatorStore.invoice(invoice, in: store)
            let kind = HoldKind.dispute(
                reason: reason, review: try OperatorStore.date(review, "--review", notBefore: try action.today(configuration)))
            return try HoldCommandOutput.add(.invoice(invoice), kind, client: stored.clientID, store: store, at: try action.instant())
        }
        try ActionOutput.emit(json: action.json, output, line: "hold \(output.hold?.id ?? 0): \(invoice) disputed; review on \(review)")
    }
}

/// `relance pause (--client ID | --invoice N) --until DATE --reason R`.
struct PauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause a client or an invoice until a date.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Option(help: "A client id.") var client: String?
    @Option(help: "An invoice number.") var invoice: String?
    @Option(help: "Last day of the pause (YYYY-MM-DD).") var until: String
    @Option(help: "Why.") var reason: String

    func validate() throws {
        guard (client == nil) != (invoice == nil) else { throw ValidationError("give exactly one of --client or --invoice") }
    }

    func run() throws {
        let output = try OperatorStore.with(global, json: action.json) { store, configuration in
            let scope: HoldScope
            let owner: String
            if let invoice {
                owner = try OperatorStore.invoice(invoice, in: store).clientID
                scope = .invoice(invoice)
            } else {
                guard configuration.client(client!) != nil else { throw ValidationError("unknown client \(client!)") }
                (owner, scope) = (client!, .client(client!))
            }
            let kind = HoldKind.pause(
                until: try OperatorStore.date(until, "--until", notBefore: try action.today(configuration)), reason: reason)
            return try HoldCommandOutput.add(scope, kind, client: owner, store: store, at: try action.instant())
        }
        try ActionOutput.emit(json: action.json, output, line: "hold \(output.hold?.id ?? 0): paused until \(until)")
    }
}

/// `relance resume (--client ID | --invoice N)`: lifts the standing holds of that scope now.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Lift the holds of a client (its own and its invoices') or of an invoice.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var action: ActionOptions
    @Option(help: "A client id.") var client: String?
    @Option(help: "An invoice number.") var invoice: String?

    func validate() throws {
        guard (client == nil) != (invoice == nil) else { throw ValidationError("give exactly one of --client or --invoice") }
    }

    func run() throws {
        let output = try OperatorStore.with(global, json: action.json) { store, configuration in
            let stored = try store.invoices()
            if let client, configuration.client(client) == nil, !stored.contains(where: { $0.clientID == client }) {
                throw ValidationError("unknown client \(client)")
            }
            if let invoice, !stored.contains(where: { $0.number == invoice }) { throw ValidationError("unknown invoice \(invoice)") }
            let owner = invoice.map { number in stored.first { $0.number == number }?.clientID } ?? client
            // A client's holds are those on the client and on each of its invoices (a promise, a plan, a
            // dispute is recorded on an invoice); an invoice's are its own.
            let theirs = Set(stored.filter { $0.clientID == client }.map(\.number))
            let lifted = try store.standingHolds().filter { hold in
                switch hold.scope {
                case .invoice(let number): return invoice.map { $0 == number } ?? theirs.contains(number)
                case .client(let id): return client == id
                }
            }
            let head = try store.journalHeadID()
            let at = try action.instant()
            for hold in lifted { try store.endHold(hold, ending: .lifted, openInvoices: [], by: "operator", at: at) }
            return HoldCommandOutput(
                hold: nil, lifted: lifted.map { HoldOutput($0, client: owner) }, journal: try JournalEntryOutput.recorded(in: store, after: head))
        }
        let count = output.lifted?.count ?? 0
        try ActionOutput.emit(json: action.json, output, line: count == 0 ? "no standing hold to lift" : "\(count) hold(s) lifted")
    }
}

import Foundation
import RelanceCore
import RelanceStore

/// A hold as `promise`, `plan`, `dispute`, `pause` and `resume` print it with `--json`; amounts are
/// decimal strings with two decimals, dates `YYYY-MM-DD`.
struct HoldOutput: Encodable {
    struct InstalmentOutput: Encodable { var date, amount: String }

    var id: Int64
    var kind: String
    var scope: String
    var client: String?
    var invoice: String?
    /// The last day the hold covers (a promise: its date plus grace; a plan: the last instalment plus grace).
    var last_day: String
    var amount: String?
    var currency: String?
    var date: String?
    var grace_days: Int?
    var instalments: [InstalmentOutput]?
    var reason: String?
    var review: String?
    var until: String?

    init(_ hold: Hold, client: String?) {
        id = hold.id
        kind = hold.kind.name
        switch hold.scope {
        case .invoice(let number): (scope, invoice) = ("invoice", number)
        case .client: scope = "client"
        }
        self.client = client
        last_day = hold.lastDay.description
        switch hold.kind {
        case .promise(let money, let day, let grace, _):
            (amount, currency, date, grace_days) = (money.plainText, money.currency.code, day.description, grace)
        case .plan(let list, let grace, _):
            instalments = list.map { InstalmentOutput(date: $0.date.description, amount: $0.amount.plainText) }
            (currency, grace_days) = (list.first?.amount.currency.code, grace)
        case .dispute(let why, let day):
            (reason, review) = (why, day.description)
        case .pause(let day, let why):
            (until, reason) = (day.description, why)
        }
    }
}

/// What a hold command prints with `--json`: the hold(s) and the journal entries written.
struct HoldCommandOutput: Encodable {
    var hold: HoldOutput?
    var lifted: [HoldOutput]?
    var journal: [JournalEntryOutput]

    /// Records a hold, returning it as recorded with its journal entry.
    static func add(_ scope: HoldScope, _ kind: HoldKind, client: String?, store: SQLiteStore, at: Date) throws -> HoldCommandOutput {
        let head = try store.journalHeadID()
        let id = try store.addHold(scope: scope, kind: kind, by: "operator", at: at)
        return HoldCommandOutput(
            hold: HoldOutput(Hold(id: id, scope: scope, kind: kind), client: client), lifted: nil,
            journal: try JournalEntryOutput.recorded(in: store, after: head))
    }
}

import Foundation
import RelanceCore
import RelanceStore

/// The day each invoice's formal notice (mise en demeure) reached the debtor, as the store knows it. A
/// French consumer owes legal interest from it (C. civ. 1231-6 and 1344-1: the mise en demeure "fait
/// courir l'intérêt moratoire"; relance counts from its receipt, `LateInterestOptions.formalNoticeDate`),
/// so every claim path (`relance claim`, `relance claim-file`, the `legal` step's claim file) uses it when
/// no `--notice-date` is given.
///
/// Which day: the receipt of the registered letter recorded with `relance task done ID --received DATE`
/// on the invoice's formal-notice task, the proof a court expects with the notice; without one, the day
/// the formal-notice email was accepted by the debtor's mail server, since that email says it is itself
/// the mise en demeure and counts the time to pay from its receipt that day. A recorded letter receipt
/// wins over an earlier email: interest from a day only the email shows may not be upheld, and a claim
/// must not ask for more than its proof supports. Each receipt carries its source in words, which the
/// claim states. The earliest of several receipts of one kind is used.
public struct NoticeReceipts: Sendable {
    /// One invoice's notice receipt.
    public struct Receipt: Sendable, Hashable {
        /// The day the notice reached the debtor.
        public var date: LocalDate
        /// Where the day comes from, in words: `registered letter 1A123 received on 2025-09-18 (task #3)`.
        public var source: String
        /// Whether the day is the registered letter's recorded receipt (else the email's delivery).
        public var isRegisteredLetter: Bool

        /// Creates a receipt.
        public init(date: LocalDate, source: String, isRegisteredLetter: Bool) {
            self.date = date
            self.source = source
            self.isRegisteredLetter = isRegisteredLetter
        }
    }

    /// The earliest recorded receipt of each invoice's registered letter.
    private var letters: [String: Receipt] = [:]
    /// The earliest delivery of each invoice's formal-notice email.
    private var emails: [String: Receipt] = [:]

    /// No receipt known.
    public init() {}

    /// The receipts of `invoices` in `store`: the formal-notice tasks done with `--received`, else the
    /// formal-notice emails sent about them (a message of a `formal-notice` step of the client's
    /// schedule), dated in the client's time zone.
    public init(store: any ReminderStore, configuration: RelanceConfiguration, invoices: [Invoice]) throws {
        let numbers = Set(invoices.map(\.number))
        guard !numbers.isEmpty else { return }
        let outcomes = try store.taskOutcomes()
        for task in try store.tasks(openOnly: false)
        where task.action == .formalNotice && task.state == .done && numbers.contains(task.invoice) {
            guard let outcome = outcomes[task.id], let received = outcome.received else { continue }
            let letter = outcome.reference.map { "registered letter \($0)" } ?? "registered letter"
            Self.keepEarliest(Receipt(
                date: received, source: "\(letter) received on \(received) (task #\(task.id))", isRegisteredLetter: true),
                for: task.invoice, in: &letters)
        }
        for clientID in Set(invoices.map(\.clientID)) {
            guard let client = configuration.client(clientID) else { continue }
            let steps = Set((configuration.schedules[client.scheduleName]?.steps ?? [])
                .filter { $0.action == .formalNotice }.map(\.name))
            guard !steps.isEmpty else { continue }
            let zone = TimeZone(identifier: client.timeZoneIdentifier ?? configuration.sending.timeZoneIdentifier)
                ?? TimeZone(identifier: "UTC")!
            for message in try store.messages(client: clientID, states: [.sent]) where steps.contains(message.stepName) {
                let day = LocalDateTime(message.updatedAt, in: zone).date
                for invoice in message.invoices where numbers.contains(invoice) {
                    Self.keepEarliest(Receipt(
                        date: day, source: "formal-notice email delivered on \(day) (Message-ID <\(message.messageID)>)",
                        isRegisteredLetter: false), for: invoice, in: &emails)
                }
            }
        }
    }

    /// The receipt of `invoice` known on `day`: the registered letter's if received by then, else the email's
    /// if delivered by then (a claim as of a past day ignores a later notice).
    public func receipt(for invoice: String, onOrBefore day: LocalDate) -> Receipt? {
        if let letter = letters[invoice], letter.date <= day { return letter }
        if let email = emails[invoice], email.date <= day { return email }
        return nil
    }

    private static func keepEarliest(_ receipt: Receipt, for invoice: String, in receipts: inout [String: Receipt]) {
        if let kept = receipts[invoice], kept.date <= receipt.date { return }
        receipts[invoice] = receipt
    }
}

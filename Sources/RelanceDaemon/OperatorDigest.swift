import Foundation
import Logging
import RelanceCore
import RelanceMail
import RelanceStore

/// The daily operator digest: the phone list of the day (open tasks with phone numbers and amounts),
/// approvals waiting, undeliverable addresses, broken promises, messages in `unknown`.
struct OperatorDigest {
    let configuration: RelanceConfiguration
    let store: any ReminderStore

    /// The digest's due instant on `now`'s local date (in `sending.timezone`), when an operator is set.
    func dueAt(on now: Date) -> Date? {
        guard let settings = configuration.operatorSettings,
            let zone = TimeZone(identifier: configuration.sending.timeZoneIdentifier)
        else { return nil }
        let today = LocalDateTime(now, in: zone).date
        return LocalDateTime(date: today, minutes: settings.digestAt.minutes).instant(in: zone)
    }

    /// Whether today's digest is due and not yet sent.
    func isDue(at now: Date) throws -> Bool {
        guard let due = dueAt(on: now), now >= due else { return false }
        guard let last = try store.lastEvent(kind: "digest.sent") else { return true }
        return last < due
    }

    /// The next digest instant after `now` (for the daemon's sleep).
    func next(after now: Date) -> Date? {
        guard let due = dueAt(on: now) else { return nil }
        return due > now ? due : dueAt(on: now.addingTimeInterval(86_400))
    }

    /// The text of the digest, or nil when there is nothing for a person to do.
    func body(invoices: [Invoice]) throws -> String? {
        let byNumber = Invoice.byNumber(invoices)
        let tasks = try store.tasks(openOnly: true)
        let approvals = try store.approvals().filter(\.waiting)
        let dead = try store.undeliverableAddresses()
        let unknown = try store.messages(states: [.unknown])
        guard !(tasks.isEmpty && approvals.isEmpty && dead.isEmpty && unknown.isEmpty) else { return nil }
        var lines = ["relance — \(configuration.creditor.name): what needs a person today", ""]
        let broken = tasks.filter { $0.stepName.hasPrefix("hold-") }
        let work = tasks.filter { !$0.stepName.hasPrefix("hold-") }
        func describe(_ task: TaskRecord) -> String {
            let client = configuration.client(task.clientID)
            let owed = byNumber[task.invoice].map { " — \($0.outstanding.plainText) \($0.amount.currency.code) due since \($0.due)" } ?? ""
            return "  #\(task.id) \(client?.name ?? task.clientID)\(client?.phone.map { " ☎ \($0)" } ?? ""): \(task.summary)\(owed)"
        }
        if !work.isEmpty { lines += ["Tasks (\(work.count)) — relance task done ID --outcome …"] + work.map(describe) + [""] }
        if !broken.isEmpty { lines += ["Broken promises and holds to decide (\(broken.count))"] + broken.map(describe) + [""] }
        if !approvals.isEmpty {
            lines += ["Waiting for approval (\(approvals.count)) — relance approve ID"]
                + approvals.map { "  #\($0.id) \(configuration.client($0.clientID)?.name ?? $0.clientID): \($0.step) for invoice \($0.invoice)" } + [""]
        }
        if !dead.isEmpty {
            lines += ["Undeliverable addresses (\(dead.count))"] + dead.sorted { $0.key < $1.key }.map { "  \($0.key) (\($0.value))" } + [""]
        }
        if !unknown.isEmpty {
            lines += ["Messages whose fate is unknown (\(unknown.count)) — check the relay log, then relance resolve ID"]
                + unknown.map { "  #\($0.id) <\($0.messageID)> to \($0.clientID) (\($0.stepName))" } + [""]
        }
        return lines.joined(separator: "\n")
    }

    /// Builds the message to the operator.
    func message(body: String, now: Date) throws -> (from: EmailAddress, to: EmailAddress, bytes: [UInt8])? {
        guard let settings = configuration.operatorSettings else { return nil }
        let zone = TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? TimeZone(identifier: "UTC")!
        let creditor = configuration.creditor
        let mime = MIMEMessage(
            from: Mailbox(creditor.email, displayName: "relance — \(creditor.name)"), to: [Mailbox(settings.email)],
            subject: "relance: to do on \(LocalDateTime(now, in: zone).date)", date: now, timeZone: zone,
            messageID: "relance.digest.\(UUID().uuidString.lowercased())@\(creditor.email.domain)",
            extraHeaders: [("X-Relance-Digest", "1")], textBody: body)
        return (creditor.email, settings.email, try mime.render())
    }
}

import Foundation
import Logging
import RelanceCore
import RelanceDocuments
import RelanceMail
import RelanceStore

extension ReminderCycle {
    /// What the mise en demeure of a formal-notice step claims for `lines` today (amounts, interest and
    /// fees, payments as the claims count them); nil, logged, when it cannot be computed (the email then
    /// goes without the letter, its text carrying the notice).
    func formalNoticeClaims(client: Client, lines: [PlannedLine], today: LocalDate) -> [ClaimedInvoice]? {
        do {
            var builder = try ClaimBuilder(configuration: configuration, told: try store.toldPayments())
            let invoices = lines.map(\.invoice)
            return try builder.claims(ledger: invoices, selected: invoices, asOf: today)
        } catch {
            logger.error("formal_notice.failed", metadata: ["client": "\(client.id)", "error": "\(error)"])
            return nil
        }
    }

    /// The mise en demeure of a formal-notice step: a PDF letter with `claimed`, the amounts, interest and
    /// fees due today, attached to the email and written to `<state folder>/outbox/` for registered post.
    /// A failure is logged and the email still goes out (its text carries the notice). `reminders`: the earlier
    /// reminders about these invoices (`priorReminders`), which the letter cites.
    func formalNoticeAttachment(
        client: Client, claimed: [ClaimedInvoice], today: LocalDate, reminders: [PriorReminder]
    ) -> MailAttachment? {
        do {
            let invoices = claimed.map(\.invoice)
            let content = FormalNoticeContent(
                creditor: configuration.creditor, client: client, place: Self.place(of: configuration.creditor), date: today,
                invoices: claimed, reminders: reminders)
            let pdf = try FormalNoticeLetter(content: content).pdf()
            let name = "mise-en-demeure-\(Self.fileSafe(client.id))-\(today).pdf"
            let outbox = URL(fileURLWithPath: configuration.statePath).deletingLastPathComponent().appendingPathComponent("outbox")
            try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
            let path = outbox.appendingPathComponent(name)
            try Data(pdf).write(to: path, options: .atomic)
            logger.notice("formal_notice.written", metadata: [
                "client": "\(client.id)", "invoices": "\(invoices.map(\.number).joined(separator: ","))", "path": "\(path.path)",
                "deadline_days": "\(content.deadlineDays)",
            ])
            return MailAttachment(filename: name, data: pdf)
        } catch {
            logger.error("formal_notice.failed", metadata: ["client": "\(client.id)", "error": "\(error)"])
            return nil
        }
    }

    /// A formal notice's registered-letter task with the letter to post (in the outbox) and what it claims
    /// for the task's invoice: the principal as the letter counts it (payments imputed to interest first
    /// can leave more than amount less paid), the interest, the indemnity and the total, so that the task,
    /// the email and the letter state the same sums. Other tasks, and an invoice the letter does not list,
    /// are returned unchanged.
    static func registeredLetterTask(
        _ task: NewTask, client: Client, letter: String, claimed: [ClaimedInvoice], jurisdiction: Jurisdiction
    ) -> NewTask {
        guard task.action == .formalNotice, let found = claimed.first(where: { $0.invoice.number == task.invoice }) else {
            return task
        }
        let claim = found.claim
        var parts = ["\(claim.principal) principal"]
        parts.append(claim.interest.map { "\($0) interest" } ?? "interest not computed")
        if let indemnity = claim.indemnity { parts.append("\(indemnity) recovery indemnity") }
        var task = task
        let action = ReminderPlanner.taskAction(task.action, client: client, jurisdiction: jurisdiction)
        task.summary = "\(action) about invoice \(task.invoice), due since "
            + "\(found.invoice.due): post outbox/\(letter), which claims \(parts.joined(separator: ", ")), "
            + "\(claim.total) in all"
        return task
    }

    /// The earlier reminders about `invoices`, with their dates and ranks, for the letter: the messages
    /// delivered about one of them, less those of a step before the due date (a courtesy is not a relance).
    func priorReminders(client: Client, invoices: Set<String>) throws -> [PriorReminder] {
        let zone = TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? TimeZone(identifier: "UTC")!
        let steps = configuration.schedules[client.scheduleName]?.steps ?? []
        let beforeDue = Set(steps.filter { $0.offsetDays < 0 }.map(\.name))
        let dates = try store.messages(client: client.id, states: [.sent])
            .filter { !invoices.isDisjoint(with: $0.invoices) && !beforeDue.contains($0.stepName) }
            .map { LocalDateTime($0.createdAt, in: zone).date }
        return PriorReminder.numbered(dates, language: client.language)
    }

    /// The town of the creditor's address: its last line with a postcode, without the postcode ("75011
    /// Paris" → "Paris", "London SE1 9PP" → "London"); a country on the line after it is not the town.
    static func place(of creditor: Creditor) -> String {
        guard let line = creditor.address.last(where: { $0.contains(where: \.isNumber) }) ?? creditor.address.last else {
            return ""
        }
        let town = line.split(separator: " ").filter { !$0.contains(where: \.isNumber) }.joined(separator: " ")
        return town.isEmpty ? line : town
    }

    /// Letters, digits, `-` and `_` only.
    static func fileSafe(_ text: String) -> String {
        String(text.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" ? Character($0) : "_" })
    }
}

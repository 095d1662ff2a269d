import Foundation
import RelanceCore
import RelanceDocuments
import RelanceStore

extension ClaimBuilder {
    /// The invoices a claim file covers: the unpaid ones of `client`, or the one numbered `invoice`,
    /// oldest due date first.
    public static func claimFileInvoices(_ ledger: [Invoice], client: ClientID? = nil, invoice: String? = nil)
        -> [Invoice]
    {
        ledger.filter { candidate in invoice.map { candidate.number == $0 } ?? (candidate.clientID == client) }
            .filter { !$0.isSettled }.sorted { ($0.due, $0.number) < ($1.due, $1.number) }
    }

    /// Everything a claim file holds for `selected` (invoices of `client`) at `asOf`, gathered from the
    /// ledger, the store and the outbox: the claims, every reminder sent about them as `.eml` with its SMTP
    /// acceptance, the done formal-notice tasks as the registered letters' proof, the mises en demeure
    /// of `<state folder>/outbox/` that were posted (`formalNoticeLetters`), and the client's journal. One
    /// path for `relance claim-file` and the `legal` step. A French consumer's legal interest runs from the notice's receipt the store
    /// knows (`NoticeReceipts`) unless `options.formalNoticeDate` is given.
    public mutating func claimFileContent(
        client: Client, ledger: [Invoice], selected: [Invoice], asOf: LocalDate, store: any ReminderStore,
        options: LateInterestOptions = LateInterestOptions()
    ) throws -> ClaimFileContent {
        let zone = TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? TimeZone(identifier: "UTC")!
        let receipts = try NoticeReceipts(store: store, configuration: configuration, invoices: selected)
        let claimed = try claims(ledger: ledger, selected: selected, asOf: asOf, options: options, receipts: receipts)
        let numbers = Set(selected.map(\.number))
        let steps = configuration.schedules[client.scheduleName]?.steps ?? []
        let notices = Set(steps.filter { $0.action == .formalNotice }.map(\.name))
        let beforeDue = Set(steps.filter { $0.offsetDays < 0 }.map(\.name))
        let sent = try store.messages(client: client.id, states: [.sent])
            .filter { !numbers.isDisjoint(with: $0.invoices) }
            .sorted { $0.createdAt < $1.createdAt }
        let reminders = sent.map {
            ClaimFileReminder(
                date: LocalDateTime($0.createdAt, in: zone).date, step: $0.stepName,
                kind: notices.contains($0.stepName) ? .formalNotice : beforeDue.contains($0.stepName) ? .beforeDue : .reminder,
                eml: $0.bytes,
                smtpAcceptance: "Message-ID: <\($0.messageID)>\nAccepted: \(Self.iso($0.updatedAt))\n"
                    + "SMTP: \(Self.smtpLine(code: $0.lastCode, reply: $0.lastReply))\n")
        }
        let outcomes = try store.taskOutcomes()
        let posted = try store.tasks(openOnly: false)
            .filter { $0.action == .formalNotice && numbers.contains($0.invoice) && $0.state == .done }
        let proofs = posted.map { Self.proof($0, outcomes[$0.id]) }
        let letters = Self.formalNoticeLetters(
            client: client, posted: posted, configuration: configuration,
            sent: sent.filter { notices.contains($0.stepName) }.map(\.createdAt))
        let journal = try store.history(client: client.id).map {
            "#\($0.id) \(Self.iso($0.at)) \($0.kind) \($0.invoice.map { "invoice=\($0) " } ?? "")\($0.detail)"
        }
        // The invoice PDFs the ledger names, as a reminder attaches them: inside the ledger's folder, PDFs. One
        // missing or refused is named and left out; the claim file is still written.
        let folder = InvoicePDF.folder(of: configuration)
        var pdfs: [String] = []
        for path in claimed.compactMap(\.invoice.pdfPath) {
            if let refusal = InvoicePDF.refusal(path, folder: folder) {
                warnings.append("invoice PDF \(path): \(refusal); not in the claim file")
            } else if !FileManager.default.fileExists(atPath: path) {
                warnings.append("invoice PDF \(path) is missing: not in the claim file")
            } else {
                pdfs.append(path)
            }
        }
        return ClaimFileContent(
            creditor: configuration.creditor, client: client, date: asOf, invoices: claimed, invoicePDFs: pdfs,
            formalNotices: letters,
            registeredLetterProof: proofs.isEmpty ? nil : proofs.joined(separator: "\n\n"), reminders: reminders,
            journal: journal)
    }

    /// The mises en demeure of `<state folder>/outbox/` to put in the claim file, oldest first: each letter
    /// posted, dated the day its registered-letter task opened (`posted`), so that the proofs beside them
    /// are their own (a notice retried on a later day wrote a second PDF that was never posted), and a
    /// client sent a notice for some invoices and later one for others has both; without a posted one, the
    /// letters of the notice emails sent about these invoices (`sent`), else the client's latest.
    static func formalNoticeLetters(
        client: Client, posted: [TaskRecord], configuration: RelanceConfiguration, sent: [Date]
    ) -> [ClaimFileLetter] {
        let outbox = URL(fileURLWithPath: configuration.statePath).deletingLastPathComponent().appendingPathComponent("outbox")
        let prefix = "mise-en-demeure-\(ReminderCycle.fileSafe(client.id))-"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: outbox.path)) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
        let zone = TimeZone(identifier: client.timeZoneIdentifier ?? configuration.sending.timeZoneIdentifier) ?? TimeZone(identifier: "UTC")!
        // In the client's zone, as the outbox's letters are dated (the day the notice was planned for it).
        let days = (posted.isEmpty ? sent : posted.map(\.createdAt)).map { LocalDateTime($0, in: zone).date }
        var chosen = Set(days).sorted().map { prefix + "\($0).pdf" }.filter(files.contains)
        if chosen.isEmpty, let latest = files.last { chosen = [latest] }
        return chosen.compactMap { name in
            guard let date = LocalDate(iso: name.dropFirst(prefix.count).dropLast(".pdf".count)),
                let pdf = FileManager.default.contents(atPath: outbox.appendingPathComponent(name).path)
            else { return nil }
            return ClaimFileLetter(date: date, pdf: [UInt8](pdf))
        }
    }

    /// The registered letter's proof: the task, the registered-letter number and the day of receipt
    /// recorded with `relance task done ID --reference … --received …`.
    static func proof(_ task: TaskRecord, _ outcome: TaskOutcome?) -> String {
        var lines = ["task #\(task.id) \(task.invoice): \(task.summary)", "step \(task.stepName), opened \(iso(task.createdAt))"]
        if let reference = outcome?.reference { lines.append("registered letter: \(reference)") }
        if let received = outcome?.received { lines.append("received: \(received)") }
        if let outcome { lines.append("done \(iso(outcome.closedAt)): \(outcome.outcome ?? "-")") }
        return lines.joined(separator: "\n")
    }

    /// The server's answer as it gave it (`250 2.0.0 Ok: queued as …`): the code once, even when the stored
    /// reply starts with it.
    static func smtpLine(code: Int?, reply: String?) -> String {
        let reply = reply ?? ""
        guard let code else { return "- " + reply }
        return reply.hasPrefix("\(code) ") || reply == "\(code)" ? reply : "\(code) \(reply)"
    }

    /// ISO 8601 in UTC (`2026-12-07T09:00:00Z`).
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")!
        return formatter.string(from: date)
    }
}

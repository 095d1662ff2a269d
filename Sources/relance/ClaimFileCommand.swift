import ArgumentParser
import Foundation
import RelanceCore
import RelanceDaemon
import RelanceDocuments
import RelanceStore

/// `relance claim-file (--client ID | --invoice N) --out DIR [--as-of DATE]`: the folder (and zip) a
/// lawyer, a commissaire de justice or the court registry can use.
struct ClaimFileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim-file",
        abstract: "Write the claim file: summary PDF, invoices, mise en demeure and its proof, reminders, journal, claim.csv.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "A client id.") var client: String?
    @Option(help: "An invoice number.") var invoice: String?
    @Option(help: "Where to write the folder and its .zip.") var out: String
    @Option(name: .customLong("as-of"), help: "The day of the figures (YYYY-MM-DD; default today).") var asOf: String?

    func validate() throws {
        guard (client == nil) != (invoice == nil) else { throw ValidationError("give exactly one of --client or --invoice") }
    }

    func run() throws {
        let written = try OperatorStore.with(global) { store, configuration -> (folder: String, zip: String) in
            let snapshot: LedgerSnapshot
            do { snapshot = try LedgerSnapshot.read(configuration) } catch let error as LedgerSnapshot.ReadError {
                throw ValidationError(error.description)
            }
            let selected = snapshot.invoices.filter { candidate in
                invoice.map { candidate.number == $0 } ?? (candidate.clientID == client)
            }
                .filter { !$0.isSettled }.sorted { ($0.due, $0.number) < ($1.due, $1.number) }
            guard let first = selected.first, let debtor = configuration.client(first.clientID) else {
                throw ValidationError("nothing open to claim for \(invoice.map { "invoice \($0)" } ?? "client \(client!)")")
            }
            let zone = TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? .current
            let day = try asOf.map { try OperatorStore.date($0, "--as-of") } ?? LocalDateTime(Date(), in: zone).date
            var builder: ClaimBuilder
            do { builder = try ClaimBuilder(configuration: configuration) } catch { throw ValidationError("\(error)") }
            let claimed = try builder.claims(ledger: snapshot.invoices, selected: selected, asOf: day)
            for warning in builder.warnings { Terminal.error("warning: \(warning)") }
            let numbers = Set(selected.map(\.number))
            let reminders = try store.messages(client: debtor.id, states: [.sent]).filter { !numbers.isDisjoint(with: $0.invoices) }
                .sorted { $0.createdAt < $1.createdAt }
                .map {
                    ClaimFileReminder(
                        date: LocalDateTime($0.createdAt, in: zone).date, step: $0.stepName, eml: $0.bytes,
                        smtpAcceptance: "Message-ID: <\($0.messageID)>\nAccepted: \(Terminal.iso($0.updatedAt))\nSMTP: \($0.lastCode.map(String.init) ?? "-") \($0.lastReply ?? "")\n")
                }
            let outcomes = try store.taskOutcomes()
            let proofs = try store.tasks(openOnly: false)
                .filter { $0.action == .formalNotice && numbers.contains($0.invoice) && $0.state == .done }
                .map { Self.proof($0, outcomes[$0.id]) }
            let outbox = URL(fileURLWithPath: configuration.statePath).deletingLastPathComponent().appendingPathComponent("outbox")
            let notice = (try? FileManager.default.contentsOfDirectory(atPath: outbox.path))?
                .filter { $0.hasPrefix("mise-en-demeure-\(debtor.id)-") }.sorted().last
                .flatMap { FileManager.default.contents(atPath: outbox.appendingPathComponent($0).path) }.map { [UInt8]($0) }
            let journal = try store.history(client: debtor.id).map {
                "#\($0.id) \(Terminal.iso($0.at)) \($0.kind) \($0.invoice.map { "invoice=\($0) " } ?? "")\($0.detail)"
            }
            let content = ClaimFileContent(
                creditor: configuration.creditor, client: debtor, date: day, invoices: claimed, formalNotice: notice,
                registeredLetterProof: proofs.isEmpty ? nil : proofs.joined(separator: "\n\n"), reminders: reminders,
                journal: journal)
            return try ClaimFileWriter().write(content, to: out)
        }
        Terminal.print("claim file: \(written.folder)\nzip: \(written.zip)")
    }

    /// The registered letter's proof: the task, the registered-letter number and the day of receipt
    /// recorded with `relance task done ID --reference … --received …`.
    static func proof(_ task: TaskRecord, _ outcome: TaskOutcome?) -> String {
        var lines = ["task #\(task.id) \(task.invoice): \(task.summary)", "step \(task.stepName), opened \(Terminal.iso(task.createdAt))"]
        if let reference = outcome?.reference { lines.append("registered letter: \(reference)") }
        if let received = outcome?.received { lines.append("received: \(received)") }
        if let outcome { lines.append("done \(Terminal.iso(outcome.closedAt)): \(outcome.outcome ?? "-")") }
        return lines.joined(separator: "\n")
    }
}

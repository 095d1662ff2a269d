import ArgumentParser
import Foundation
import RelanceCore
import RelanceDaemon
import RelanceDocuments
import RelanceStore

/// `relance claim-file (--client ID | --invoice N) --out DIR [--as-of DATE] [--language fr|en]`: the folder
/// (and zip) a lawyer, a commissaire de justice or the court registry can use, gathered by
/// `ClaimBuilder.claimFileContent` (the same path as the `legal` step's claim file), from the ledger as
/// the cycle sees it (`ReminderStore.claimSelection`); each invoice left out is named on stdout with why.
struct ClaimFileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim-file",
        abstract: "Write the claim file: summary PDF, invoices, mise en demeure and its proof, reminders, journal, claim.csv.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "A client id.") var client: String?
    @Option(help: "An invoice number.") var invoice: String?
    @Option(help: "Where to write the folder and its .zip.") var out: String
    @Option(name: .customLong("as-of"), help: "The day of the figures (YYYY-MM-DD; default today).") var asOf: String?
    @Option(help: "The summary's language, fr or en (default: the courts' of the creditor's jurisdiction).")
    var language: Language?
    @OptionGroup var notice: NoticeDateOption

    func validate() throws {
        guard (client == nil) != (invoice == nil) else { throw ValidationError("give exactly one of --client or --invoice") }
    }

    func run() throws {
        let written = try OperatorStore.with(global) { store, configuration -> (folder: String, zip: String) in
            let snapshot: LedgerSnapshot
            do { snapshot = try LedgerSnapshot.read(configuration) } catch let error as LedgerSnapshot.ReadError {
                throw ValidationError(error.description)
            }
            let zone = TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? .current
            let day = try asOf.map { try OperatorStore.date($0, "--as-of") } ?? LocalDateTime(Date(), in: zone).date
            let options = LateInterestOptions(formalNoticeDate: try notice.noticeDate.map { try OperatorStore.date($0, "--notice-date") })
            // As the cycle sees the ledger: payments told with `relance pay` counted; written-off invoices and
            // those under a hold standing on the day left out.
            let selection = try store.claimSelection(
                ClaimBuilder.claimFileInvoices(snapshot.invoices, client: client, invoice: invoice),
                ledger: snapshot.invoices, on: day, in: zone)
            for leftOut in selection.leftOut { Terminal.print(leftOut.line) }
            let selected = ClaimBuilder.claimFileInvoices(selection.invoices, client: client, invoice: invoice)
            guard let first = selected.first, let debtor = configuration.client(first.clientID) else {
                throw ValidationError("nothing open to claim for \(invoice.map { "invoice \($0)" } ?? "client \(client!)")")
            }
            var builder: ClaimBuilder
            let told = try store.toldPayments()
            do { builder = try ClaimBuilder(configuration: configuration, told: told) } catch {
                throw ValidationError("\(error)")
            }
            let content = try builder.claimFileContent(
                client: debtor, ledger: snapshot.invoices, selected: selected, asOf: day, store: store, options: options)
            for warning in builder.warnings { Terminal.error("warning: \(warning)") }
            for item in content.invoices {
                for warning in item.claim.warnings { Terminal.error("warning: invoice \(item.claim.invoice): \(warning)") }
            }
            return try ClaimFileWriter(summaryLanguage: language).write(content, to: out)
        }
        Terminal.print("claim file: \(written.folder)\nzip: \(written.zip)")
    }
}

extension Language: ExpressibleByArgument {}

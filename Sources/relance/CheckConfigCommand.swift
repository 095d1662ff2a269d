import ArgumentParser
import Foundation
import RelanceConfig
import RelanceCore
import RelanceDaemon
import RelanceMail

/// `relance check-config`: validates the config, the templates and the ledger.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate config, templates and ledger; exit 0 when valid, 1 with FILE:LINE:COLUMN lines.",
        discussion: """
            Rejected ledger rows are printed as warnings (FILE:LINE: field: reason): the daemon skips them and
            goes on with the other rows, so they do not make the check fail. A ledger that cannot be read at
            all (missing file, missing columns) does.
            An overdue open invoice whose delay runs into a half-year with no known rate is warned about: its
            interest is never guessed, documents leave it out and name it without an amount until the rate is
            added to the `rates:` folder.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .customLong("as-of"),
        help: "The day to check the rates for, YYYY-MM-DD (default: today in the sending time zone).")
    var asOf: String?

    func run() throws {
        let loaded = try global.loadConfiguration()
        let configuration = loaded.configuration
        let day: LocalDate
        if let asOf {
            guard let date = LocalDate(iso: asOf) else { throw ValidationError("--as-of: not a date YYYY-MM-DD: \(asOf)") }
            day = date
        } else {
            day = LocalDateTime(Date(), in: TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? .current).date
        }
        var failed = false
        do {
            _ = try TemplateLibrary(directory: configuration.templatesPath)
        } catch {
            Terminal.error("\(error)")
            failed = true
        }
        do {
            _ = try RateTableLoader().load(folder: configuration.ratesPath)
        } catch {
            for diagnostic in error.diagnostics { Terminal.error(diagnostic.description) }
            failed = true
        }
        do {
            let snapshot = try LedgerSnapshot.read(configuration)
            if let payments = configuration.ledger.paymentsPath {
                do {
                    let result = try PaymentsLoader.read(path: payments, invoices: snapshot.invoices)
                    for row in result.rejected {
                        Terminal.error("warning: \(payments):\(row.line): \(row.field.map { "field \($0): " } ?? "")\(row.reason)")
                    }
                } catch {
                    Terminal.error(error.description)
                    failed = true
                }
            }
            for row in snapshot.rejected {
                Terminal.error("warning: \(snapshot.path):\(row.line): \(row.field.map { "field \($0): " } ?? "")\(row.reason)")
            }
            for warning in unknownRateWarnings(configuration, invoices: snapshot.invoices, on: day) {
                Terminal.error("warning: \(warning)")
            }
            let summary = "\(configuration.clients.count) clients, \(configuration.schedules.count) schedules, "
                + "\(snapshot.invoices.count) invoices (\(snapshot.invoices.filter { !$0.isSettled }.count) open), "
                + "\(snapshot.rejected.count) rejected ledger rows"
            // "ok" only when it is: a broken template, rate table or payments file fails the check.
            if failed {
                Terminal.error("\(global.configPath): not valid (errors above) — \(summary)")
            } else {
                Terminal.print("\(global.configPath): ok — \(summary)")
            }
        } catch {
            Terminal.error(error.description)
            failed = true
        }
        if failed { throw ExitCode(1) }
    }

    /// One warning per missing rate that some overdue open invoice needs today (or `--as-of`), naming
    /// the invoices: their interest is left out of documents until the rate is added.
    private func unknownRateWarnings(_ configuration: RelanceConfiguration, invoices: [Invoice], on day: LocalDate)
        -> [String]
    {
        // Reported above when it fails. Rates only: no store, no payments told.
        guard var builder = try? ClaimBuilder(configuration: configuration, told: [:]) else { return [] }
        let overdue = invoices.filter { !$0.isSettled && $0.due < day }
        guard let claimed = try? builder.claims(ledger: invoices, selected: overdue, asOf: day) else { return [] }
        var byReason: [(reason: String, invoices: [String])] = []
        for item in claimed {
            guard let reason = item.claim.interestUnknownReason else { continue }
            if let index = byReason.firstIndex(where: { $0.reason == reason }) {
                byReason[index].invoices.append(item.invoice.number)
            } else {
                byReason.append((reason, [item.invoice.number]))
            }
        }
        return byReason.map { reason, numbers in
            let shown = numbers.prefix(5).joined(separator: ", ") + (numbers.count > 5 ? ", …" : "")
            return "\(numbers.count) open invoice\(numbers.count > 1 ? "s" : "") (\(shown)) late on \(day) \(numbers.count > 1 ? "need" : "needs") a rate "
                + "relance does not have: \(reason); it is never guessed: documents leave the interest out and name it "
                + "without an amount (\"montant à parfaire\") — add the rate to the `rates:` folder (see Config/rates/)"
        }
    }
}

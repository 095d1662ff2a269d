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
            """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let loaded = try global.loadConfiguration()
        let configuration = loaded.configuration
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
            Terminal.print(
                "\(global.configPath): ok — \(configuration.clients.count) clients, \(configuration.schedules.count) schedules, "
                    + "\(snapshot.invoices.count) invoices (\(snapshot.invoices.filter { !$0.isSettled }.count) open), "
                    + "\(snapshot.rejected.count) rejected ledger rows")
        } catch {
            Terminal.error(error.description)
            failed = true
        }
        if failed { throw ExitCode(1) }
    }
}

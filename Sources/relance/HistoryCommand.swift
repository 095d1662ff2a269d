import ArgumentParser
import Foundation
import RelanceStore

/// `relance history (--invoice N | --client ID)`: every event, oldest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Every event of an invoice or a client, oldest first.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "An invoice number.")
    var invoice: String?

    @Option(help: "A client id.")
    var client: String?

    @Flag(help: "A JSON array on stdout.")
    var json = false

    struct Event: Encodable {
        var id: Int64
        var at: String
        var event: String
        /// The same as `event`, under the name the action commands' `journal` entries use.
        var kind: String
        var client: String?
        var invoice: String?
        var message: Int64?
        var detail: String
    }

    func validate() throws {
        guard (invoice == nil) != (client == nil) else { throw ValidationError("give exactly one of --invoice or --client") }
    }

    func run() throws {
        let configuration = try global.loadConfiguration(printWarnings: false).configuration
        let events: [JournalEvent]
        do {
            let store = try SQLiteStore(path: configuration.statePath)
            events = try invoice.map { try store.history(invoice: $0) } ?? store.history(client: client!)
        } catch {
            Terminal.error(OperatorStore.describe(error, storePath: configuration.statePath))
            throw ExitCode(2)
        }
        let rows = events.map {
            Event(
                id: $0.id, at: Terminal.iso($0.at), event: $0.kind, kind: $0.kind, client: $0.clientID, invoice: $0.invoice,
                message: $0.messageID, detail: $0.detail)
        }
        // A mistyped id is an error, not "nothing happened": a client the config does not name, an invoice
        // relance has never seen in the ledger.
        if rows.isEmpty, let invoice {
            Terminal.error("unknown invoice \(invoice): relance has never seen it in the ledger")
            throw ExitCode(1)
        }
        if rows.isEmpty, let client, configuration.client(client) == nil {
            Terminal.error("unknown client \(client): not in \(global.configPath)")
            throw ExitCode(1)
        }
        if json { return try Terminal.printJSON(rows) }
        if rows.isEmpty { Terminal.print("No events for \(invoice.map { "invoice \($0)" } ?? "client \(client!)").") }
        for row in rows {
            var line = "\(row.at)  \(row.event)"
            if let c = row.client { line += " client=\(c)" }
            if let i = row.invoice { line += " invoice=\(i)" }
            if let m = row.message { line += " message=\(m)" }
            if !row.detail.isEmpty { line += " \(row.detail)" }
            Terminal.print(line)
        }
    }
}

import ArgumentParser
import Foundation
import RelanceStore

/// `relance resolve ID (--delivered | --not-delivered)`: the operator's verdict on an `unknown` message.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Settle an `unknown` message after checking the mail server's log for its Message-ID.",
        discussion: """
            relance never resends a message whose fate is unknown. Look its Message-ID up in the mail
            server's log (`relance status` lists it). If the server queued it, mark it --delivered; if it did
            not, mark it --not-delivered and the next cycle sends it again (same Message-ID).
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The message number shown by `relance status`.")
    var id: Int64

    @Flag(help: "The server did accept it: record it as sent.")
    var delivered = false

    @Flag(name: .customLong("not-delivered"), help: "The server did not accept it: send it again at the next cycle.")
    var notDelivered = false

    @Option(help: "What you checked (kept in the journal).")
    var note: String = ""

    func validate() throws {
        guard delivered != notDelivered else { throw ValidationError("give exactly one of --delivered or --not-delivered") }
    }

    func run() throws {
        let configuration = try global.loadConfiguration(printWarnings: false).configuration
        do {
            let store = try SQLiteStore(path: configuration.statePath)
            guard let message = try store.message(id: id) else {
                Terminal.error("no message \(id)")
                throw ExitCode(1)
            }
            guard message.state == .unknown else {
                Terminal.error("message \(id) is \(message.state.rawValue), not unknown; nothing to resolve")
                throw ExitCode(1)
            }
            try store.resolveUnknown(messageID: id, delivered: delivered, note: note, at: Date())
            Terminal.print("message \(id) <\(message.messageID)> to \(message.clientID): "
                + (delivered ? "recorded as sent" : "will be sent again at the next cycle"))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.error("store \(configuration.statePath): \(error)")
            throw ExitCode(2)
        }
    }
}

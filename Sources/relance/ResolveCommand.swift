import ArgumentParser
import Foundation
import RelanceCore
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
    @OptionGroup var action: ActionOptions

    @Argument(help: "The message number shown by `relance status`.")
    var id: Int64

    @Flag(help: "The server did accept it: record it as sent.")
    var delivered = false

    @Flag(name: .customLong("not-delivered"), help: "The server did not accept it: send it again at the next cycle.")
    var notDelivered = false

    @Option(help: "What you checked (kept in the journal).")
    var note: String = ""

    struct Output: Encodable {
        struct Message: Encodable {
            var id: Int64
            var message_id, client, step, state: String
            var invoices: [String]
            var delivered: Bool
            var note: String
        }
        var message: Message
        var journal: [JournalEntryOutput]
    }

    func validate() throws {
        guard delivered != notDelivered else { throw ValidationError("give exactly one of --delivered or --not-delivered") }
    }

    func run() throws {
        let output = try OperatorStore.with(global, json: action.json) { store, _ in
            guard let message = try store.message(id: id) else { throw ValidationError("no message \(id)") }
            guard message.state == .unknown else {
                throw ValidationError("message \(id) is \(message.state.rawValue), not unknown; nothing to resolve")
            }
            let head = try store.journalHeadID()
            try store.resolveUnknown(messageID: id, delivered: delivered, note: note, by: "operator", at: try action.instant())
            return Output(
                message: .init(
                    id: id, message_id: message.messageID, client: message.clientID, step: message.stepName,
                    state: delivered ? MessageState.sent.rawValue : MessageState.deferred.rawValue, invoices: message.invoices,
                    delivered: delivered, note: note),
                journal: try JournalEntryOutput.recorded(in: store, after: head))
        }
        try ActionOutput.emit(
            json: action.json, output,
            line: "message \(id) <\(output.message.message_id)> to \(output.message.client): "
                + (delivered ? "recorded as sent" : "will be sent again at the next cycle"))
    }
}

import ArgumentParser
import Foundation
import RelanceCore
import RelanceStore

/// Options every operator action takes (`task done`, `approve`, `promise`, `pay`, `resolve` …).
struct ActionOptions: ParsableArguments {
    @Flag(help: "One JSON object on stdout: what was recorded and its journal entries (an error is {\"error\": …} too).")
    var json = false

    @Option(help: "Pretend it is this instant (ISO 8601 with an offset): the journal's time and today's date (tests, demos).")
    var now: String?

    /// `--now`, else the real clock.
    func instant() throws -> Date { try now.map(Terminal.parseInstant) ?? Date() }

    /// Today in the config's sending time zone, at `instant()`.
    func today(_ configuration: RelanceConfiguration) throws -> LocalDate {
        let zone = TimeZone(identifier: configuration.sending.timeZoneIdentifier) ?? .current
        return LocalDateTime(try instant(), in: zone).date
    }
}

/// A journal entry an action wrote, for `--json`.
struct JournalEntryOutput: Encodable {
    var id: Int64
    var kind: String
    var at: String
    var client: String?
    var invoice: String?
    var detail: String
    var hash: String

    /// The entries appended after `head` that this command wrote (`by=operator`).
    static func recorded(in store: SQLiteStore, after head: Int64) throws -> [JournalEntryOutput] {
        try store.journalEntries(after: head)
            .filter { $0.event.detail.split(separator: " ").contains("by=operator") }
            .map {
                JournalEntryOutput(
                    id: $0.event.id, kind: $0.event.kind, at: Terminal.iso($0.event.at), client: $0.event.clientID,
                    invoice: $0.event.invoice, detail: $0.event.detail, hash: $0.hash)
            }
    }
}

/// What an action prints: a line for people, or the JSON object.
enum ActionOutput {
    /// The error object of `--json`: the message also printed on stderr, and the exit code.
    struct Failure: Encodable {
        var error: String
        var exit_code: Int32
        var problems: [String]?
    }

    /// Prints `value` as JSON, or `line` for people.
    static func emit(json: Bool, _ value: some Encodable, line: String) throws {
        if json { try Terminal.printJSON(value) } else { Terminal.print(line) }
    }

    /// Prints the error on stderr and, with `--json`, the error object on stdout; returns the exit code to throw.
    static func fail(json: Bool, _ message: String, code: Int32, problems: [String]? = nil) -> ExitCode {
        Terminal.error(message)
        if json { try? Terminal.printJSON(Failure(error: message, exit_code: code, problems: problems)) }
        return ExitCode(code)
    }

    /// The action subcommands, whose usage errors are reported as JSON too when `--json` is on the line.
    static let commandNames: Set<String> = [
        "task", "approve", "promise", "plan", "dispute", "pause", "resume", "pay", "write-off", "resolve",
    ]
}

import ArgumentParser
import Foundation
import RelanceStore

/// `relance verify-journal [--json]`: checks the hash chain of the journal and the archived messages.
struct VerifyJournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-journal",
        abstract: "Check that no journal entry or archived message was edited, deleted or inserted.",
        discussion: """
            Every journal entry is chained to the previous one by SHA-256, and every sent message's exact
            bytes are archived under <state folder>/archive/ with their hash in the journal. This command
            recomputes the chain, checks the head, and re-hashes every archived .eml.
            Exit 0 when everything checks out (the head hash is printed); 1 with the first broken entry
            and the reason; 2 when the store cannot be opened or read.
            Someone who can write the database can recompute the whole chain: keep the printed head hash
            somewhere else (another machine, a signed e-mail) at regular intervals, and pass it back with
            --head: if the journal no longer contains it, the journal was rewritten since.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "One JSON object on stdout.")
    var json = false

    @Option(help: "A head hash printed earlier: check that the journal still contains it (every entry up to it is unchanged).")
    var head: String?

    struct Output: Encodable {
        struct Broken: Encodable {
            var entry: Int64
            var reason: String
            var detail: String
        }
        var ok: Bool
        var entries: Int
        var head: String
        var archived_messages: Int
        var archive_failures: Int
        /// The entry whose hash is `--head`, when it was given and found.
        var head_entry: Int64?
        var broken: Broken?
    }

    func validate() throws {
        if let head, head.count != 64 || !head.allSatisfy(\.isHexDigit) {
            throw ValidationError("--head: not a SHA-256 in hex (64 digits): \(head)")
        }
    }

    func run() throws {
        let configuration = try global.loadConfiguration(printWarnings: false).configuration
        let path = configuration.statePath
        var result: JournalVerification
        var headEntry: Int64?
        do {
            guard FileManager.default.fileExists(atPath: path) else {
                Terminal.error("store \(path): no such file")
                throw ExitCode(2)
            }
            let store = try SQLiteStore(path: path)
            result = try store.verifyJournal()
            if let head, result.isIntact {
                headEntry = try store.journalEntryID(hash: head)
                if headEntry == nil {
                    result.firstBreak = .init(
                        entryID: Int64(result.entriesChecked), reason: .headMismatch,
                        detail: "the head \(head.lowercased()) given with --head is not in the journal: it was rewritten since")
                }
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.error("store \(path): \(error)")
            throw ExitCode(2)
        }
        let output = Output(
            ok: result.isIntact, entries: result.entriesChecked, head: result.lastHash,
            archived_messages: result.archivesVerified, archive_failures: result.archiveFailures, head_entry: headEntry,
            broken: result.firstBreak.map { Output.Broken(entry: $0.entryID, reason: $0.reason.rawValue, detail: $0.detail) })
        if json {
            try Terminal.printJSON(output)
        } else if let broken = result.firstBreak {
            Terminal.print("journal BROKEN at entry \(broken.entryID): \(broken.reason.rawValue): \(broken.detail)")
            Terminal.print("checked: \(result.entriesChecked) entries, \(result.archivesVerified) archived messages verified")
        } else {
            Terminal.print(
                "journal ok: \(result.entriesChecked) entries, head \(result.lastHash), "
                    + "\(result.archivesVerified) archived messages verified")
            if let headEntry { Terminal.print("the head given with --head is entry \(headEntry): entries 1…\(headEntry) are unchanged") }
            if result.archiveFailures > 0 {
                Terminal.print("note: \(result.archiveFailures) sent message(s) could not be archived (event message.archive_failed)")
            }
        }
        if !result.isIntact { throw ExitCode(1) }
    }
}

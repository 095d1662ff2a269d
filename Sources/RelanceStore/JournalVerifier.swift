import Foundation
import GRDB

/// One pass over the journal in id order, inside a read transaction (one consistent snapshot):
/// recomputes every entry's hash from its fields and its invoice links, follows the chain from the
/// genesis hash, checks that ids have no gap and that `journal_head` names the last entry, and re-hashes
/// every `.eml` file that a `message.archived` entry names, and the digest of the invoice rows each
/// `ledger.imported` entry introduced. Stops at the first problem.
struct JournalVerifier {
    let db: Database
    /// Nil for an in-memory store, which archives nothing.
    let archive: MessageArchive?

    private struct Link {
        var eventID: Int64
        var invoice: String
    }

    struct Broken: Error {
        var entryID: Int64
        var reason: JournalVerification.Reason
        var detail: String
    }

    func run() throws -> JournalVerification {
        var result = JournalVerification(
            entriesChecked: 0, archivesVerified: 0, archiveFailures: 0, lastHash: JournalChain.genesis, firstBreak: nil)
        do {
            try check(&result)
        } catch let broken as Broken {
            result.firstBreak = .init(entryID: broken.entryID, reason: broken.reason, detail: broken.detail)
        }
        return result
    }

    private func check(_ result: inout JournalVerification) throws {
        var imports = try importDigests()
        let links = try Row.fetchCursor(db, sql: "SELECT event_id, invoice FROM journal_invoices ORDER BY event_id, invoice")
        var nextLink = try Self.link(links.next())
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, at, kind, client_id, invoice, message, detail, prev_hash, hash FROM journal ORDER BY id")
        var expected: Int64 = 1
        while let row = try rows.next() {
            let id: Int64 = row[0]
            guard id == expected else {
                let context = expected == 1 ? "the journal starts at entry \(id)" : "entry \(expected - 1) is followed by entry \(id)"
                throw Broken(entryID: expected, reason: .missingEntry, detail: "entry \(expected) is missing (deleted): \(context)")
            }
            var linked: [String] = []
            while let link = nextLink, link.eventID <= id {
                guard link.eventID == id else { throw Self.orphan(link) }
                linked.append(link.invoice)
                nextLink = try Self.link(links.next())
            }
            let entry = try Self.entry(row, id: id, linked: linked)
            let prevHash = try Self.text(row[7], "prev_hash", id, optional: true)
            let storedHash = try Self.text(row[8], "hash", id, optional: true)
            guard prevHash == result.lastHash else {
                throw Broken(
                    entryID: id, reason: .prevHashMismatch,
                    detail: "entry \(id) does not follow entry \(id - 1): its prev_hash is \(prevHash ?? "NULL"), "
                        + "the hash of entry \(id - 1) is \(result.lastHash) (an entry was deleted, inserted or rewritten)")
            }
            let hash = JournalChain.hash(previous: result.lastHash, entry)
            guard hash == storedHash else {
                throw Broken(
                    entryID: id, reason: .hashMismatch,
                    detail: "entry \(id) (\(entry.kind)) was edited: its content hashes to \(hash), "
                        + "the journal recorded \(storedHash ?? "NULL")")
            }
            if entry.kind == SQLiteStore.archivedKind {
                try verifyArchive(entry)
                if archive != nil { result.archivesVerified += 1 }
            } else if entry.kind == SQLiteStore.archiveFailedKind {
                result.archiveFailures += 1
            } else if entry.kind == LedgerRecord.importedKind {
                try checkImport(entry, rows: imports.removeValue(forKey: id))
            }
            result.entriesChecked += 1
            result.lastHash = hash
            expected += 1
        }
        if let link = nextLink { throw Self.orphan(link) }
        if let stray = strayImports(imports) { throw stray }
        try checkHead(last: expected - 1, hash: result.lastHash)
    }

    /// `journal_head` must name the last entry and its hash: a deleted last entry leaves the head ahead.
    private func checkHead(last: Int64, hash: String) throws {
        guard let head = try Row.fetchOne(db, sql: "SELECT last_id, hash FROM journal_head"),
            let headID = head[0] as Int64?, let headHash = head[1] as String?
        else {
            throw Broken(entryID: last, reason: .headMismatch, detail: "journal_head is empty: the head was deleted")
        }
        if headID > last {
            throw Broken(
                entryID: last + 1, reason: .missingEntry,
                detail: "the journal ends at entry \(last) but journal_head records entry \(headID): "
                    + "entries \(last + 1)…\(headID) were deleted")
        }
        if headID < last {
            throw Broken(
                entryID: headID + 1, reason: .headMismatch,
                detail: "journal_head records entry \(headID) but the journal goes on to entry \(last): "
                    + "entries were added without moving the head")
        }
        if headHash != hash {
            throw Broken(
                entryID: last, reason: .headMismatch,
                detail: "journal_head records hash \(headHash) for entry \(last), whose hash is \(hash)")
        }
    }

    /// Re-hashes the `.eml` a `message.archived` entry names (`sha256= path= bytes=`).
    private func verifyArchive(_ entry: JournalChain.Entry) throws {
        guard let archive else { return }
        let fields = Self.logfmtFields(entry.detail)
        guard let sha256 = fields["sha256"], let path = fields["path"], let size = fields["bytes"].flatMap(Int.init),
            archive.url(relativePath: path) != nil
        else {
            throw Broken(
                entryID: entry.id, reason: .malformedEntry,
                detail: "entry \(entry.id) (\(entry.kind)) has no valid sha256=, path= and bytes=: \(entry.detail)")
        }
        let data: Data?
        do {
            data = try archive.read(relativePath: path)
        } catch {
            throw Broken(entryID: entry.id, reason: .archiveMissing, detail: "\(path) cannot be read: \(error.localizedDescription)")
        }
        guard let data else {
            throw Broken(entryID: entry.id, reason: .archiveMissing, detail: "\(path) is missing (archived by entry \(entry.id))")
        }
        let actual = SHA256Hex.digest(data)
        guard data.count == size, actual == sha256 else {
            throw Broken(
                entryID: entry.id, reason: .archiveMismatch,
                detail: "\(path) was altered: \(data.count) bytes with SHA-256 \(actual), entry \(entry.id) recorded "
                    + "\(size) bytes with SHA-256 \(sha256)")
        }
    }

    // MARK: - Reading rows without trusting them

    private static func entry(_ row: Row, id: Int64, linked: [String]) throws -> JournalChain.Entry {
        guard case .int64(let at) = (row[1] as DatabaseValue).storage else {
            throw Broken(entryID: id, reason: .malformedEntry, detail: "entry \(id): column at is not an integer")
        }
        let message: Int64?
        switch (row[5] as DatabaseValue).storage {
        case .null: message = nil
        case .int64(let value): message = value
        default: throw Broken(entryID: id, reason: .malformedEntry, detail: "entry \(id): column message is not an integer")
        }
        return JournalChain.Entry(
            id: id, atMillis: at, kind: try text(row[2], "kind", id)!, clientID: try text(row[3], "client_id", id, optional: true),
            invoice: try text(row[4], "invoice", id, optional: true), message: message, detail: try text(row[6], "detail", id)!,
            linkedInvoices: JournalChain.sortedInvoices(linked))
    }

    private static func text(_ value: DatabaseValue, _ column: String, _ id: Int64, optional: Bool = false) throws -> String? {
        switch value.storage {
        case .string(let text): return text
        case .null where optional: return nil
        default: throw Broken(entryID: id, reason: .malformedEntry, detail: "entry \(id): column \(column) is not text")
        }
    }

    private static func link(_ row: Row?) throws -> Link? {
        guard let row else { return nil }
        guard case .int64(let eventID) = (row[0] as DatabaseValue).storage,
            case .string(let invoice) = (row[1] as DatabaseValue).storage
        else {
            throw Broken(entryID: 0, reason: .malformedEntry, detail: "journal_invoices holds a row that is not (invoice, entry id)")
        }
        return Link(eventID: eventID, invoice: invoice)
    }

    private static func orphan(_ link: Link) -> Broken {
        Broken(
            entryID: link.eventID, reason: .malformedEntry,
            detail: "journal_invoices links invoice \(link.invoice) to entry \(link.eventID), which does not exist")
    }

    /// `key=value` pairs as `Logfmt.pairs` writes them (quoted values unescaped).
    static func logfmtFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        var scalars = Substring(text).unicodeScalars[...]
        while !scalars.isEmpty {
            while scalars.first == " " { scalars.removeFirst() }
            guard let equals = scalars.firstIndex(of: "=") else { break }
            let key = String(scalars[..<equals])
            scalars = scalars[scalars.index(after: equals)...]
            var value = String.UnicodeScalarView()
            if scalars.first == "\"" {
                scalars.removeFirst()
                while let scalar = scalars.popFirst(), scalar != "\"" {
                    guard scalar == "\\", let escaped = scalars.popFirst() else {
                        value.append(scalar)
                        continue
                    }
                    switch escaped {
                    case "n": value.append("\n")
                    case "r": value.append("\r")
                    case "t": value.append("\t")
                    case "u":
                        let hex = String(scalars.prefix(4))
                        scalars = scalars.dropFirst(4)
                        if let code = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(code) { value.append(decoded) }
                    default: value.append(escaped)
                    }
                }
            } else {
                while let scalar = scalars.first, scalar != " " { value.append(scalars.removeFirst()) }
            }
            fields[key] = String(value)
        }
        return fields
    }
}

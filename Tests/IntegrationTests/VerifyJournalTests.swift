import Foundation
import RelanceTestSupport
import Testing

/// `relance verify-journal` on the demo: the journal and the archived messages check out, and one byte
/// changed in the database (by someone who dropped the append-only trigger) is found, at its entry.
@Suite(.serialized) struct VerifyJournalTests {
    static let now = "2026-11-17T10:00:00+01:00"

    @Test func theDemoJournalVerifiesAndOneChangedByteIsFoundAtItsEntry() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: try Workspace.exampleLedger())
        let run = try ws.relance("run", "--once", "--now", Self.now)
        #expect(run.status == 0, "\(run.stderr)")

        let ok = try ws.relance("verify-journal")
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        #expect(ok.stdout.hasPrefix("journal ok: "), "\(ok.stdout)")
        #expect(ok.stdout.contains(" archived messages verified"))
        #expect(ok.stdout.contains("6 archived messages verified"), "\(ok.stdout)")

        // A head exported now is found later; one the journal never had is not.
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(try ws.relance("verify-journal", "--json").stdout.utf8)) as? [String: Any])
        #expect(summary["ok"] as? Bool == true)
        #expect(summary["archived_messages"] as? Int == 6)
        let head = try #require(summary["head"] as? String)
        #expect(head.count == 64 && ok.stdout.contains("head \(head), "))
        let known = try ws.relance("verify-journal", "--head", head)
        #expect(known.status == 0)
        #expect(known.stdout.contains("the head given with --head is entry "), "\(known.stdout)")
        let rewritten = try ws.relance("verify-journal", "--head", String(repeating: "ab", count: 32))
        #expect(rewritten.status == 1)
        #expect(rewritten.stdout.contains("head_mismatch"), "\(rewritten.stdout)")
        #expect(try ws.relance("verify-journal", "--head", "xyz").status == 1)

        // The archive holds exactly what the server received, one .eml per message.
        let received = try server.received()
        #expect(received.count == 6)
        let archived = try Self.emlFiles(under: URL(fileURLWithPath: ws.statePath).deletingLastPathComponent().appendingPathComponent("archive"))
        #expect(archived.count == 6)
        #expect(Set(archived.map { $0.data }) == Set(received.map { Data($0.bytes) }))

        // The history of an invoice shows each message's Message-ID, SMTP code and reply, and its archive.
        let history = try ws.relance("history", "--invoice", "F2026-087")
        let sent = try #require(history.stdout.split(separator: "\n").first { $0.contains("message.sent") })
        #expect(sent.contains("code=250") && sent.contains("reply=") && sent.contains("message_id=relance."))
        #expect(history.stdout.contains("message.archived"))

        // An attacker drops the trigger and changes one byte of one entry.
        let id = try #require(Int(try Self.sqlite(ws.statePath, "SELECT min(id) FROM journal WHERE kind = 'message.sent';")))
        _ = try Self.sqlite(
            ws.statePath,
            "DROP TRIGGER journal_no_update; UPDATE journal SET detail = replace(detail, 'code=250', 'code=251') WHERE id = \(id);")
        #expect(try Self.sqlite(ws.statePath, "SELECT count(*) FROM journal WHERE detail LIKE '%code=251%';") == "1")

        let broken = try ws.relance("verify-journal")
        #expect(broken.status == 1, "\(broken.stdout)\(broken.stderr)")
        #expect(broken.stdout.hasPrefix("journal BROKEN at entry \(id): hash_mismatch: entry \(id) (message.sent) was edited"), "\(broken.stdout)")

        let json = try ws.relance("verify-journal", "--json")
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        let first = try #require(object["broken"] as? [String: Any])
        #expect(first["entry"] as? Int == id)
        #expect(first["reason"] as? String == "hash_mismatch")
    }

    @Test func aMissingStoreIsARuntimeFailure() throws {
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: "smtp://127.0.0.1:2525"), ledger: try Workspace.exampleLedger())
        let result = try ws.relance("verify-journal")
        #expect(result.status == 2)
        #expect(result.stderr.contains("no such file"))
        #expect(!FileManager.default.fileExists(atPath: ws.statePath))
    }

    /// Every `.eml` below `folder`, with its bytes.
    static func emlFiles(under folder: URL) throws -> [(path: String, data: Data)] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return try walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "eml" }.map { ($0.path, try Data(contentsOf: $0)) }
    }

    /// Runs SQL on the store from outside relance, as an attacker would: `/usr/bin/sqlite3` (Debian's
    /// `sqlite3`, installed by `.ci/install-deps`), else Python's sqlite3 module. Returns the output.
    static func sqlite(_ database: String, _ sql: String) throws -> String {
        let process = Process()
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [database, sql]
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = [
                "-c",
                """
                import sqlite3, sys
                db = sqlite3.connect(sys.argv[1], isolation_level=None)
                statements = [s for s in sys.argv[2].split(';') if s.strip()]
                for s in statements[:-1]: db.execute(s)
                for row in db.execute(statements[-1]): print('|'.join(str(v) for v in row))
                """,
                database, sql,
            ]
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SQLFailure(description: "\(sql): \(String(decoding: error, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct SQLFailure: Error, CustomStringConvertible {
        var description: String
    }
}

import Foundation
import Glibc
import RelanceTestSupport
import Testing

/// Hostile data in the ledger and the config never adds a header or a recipient, is never run as a
/// template, and the SMTP password never leaves the password file: the real binary, a real aiosmtpd.
@Suite struct InjectionTests {
    static let now = "2026-11-17T10:00:00+01:00"
    static let recipients = ["direction@sgm-menuiserie.fr", "factures@sgm-menuiserie.fr"]
    static let ledger = """
        invoice,client,issued,due,amount,currency,paid
        F2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0

        """

    /// The demo config with C002's name and contact, and the creditor's name, replaced (YAML
    /// double-quoted escapes are interpreted: `\\r`, `\\n`, `\\0`).
    static func config(_ url: String, creditorName: String? = nil, clientName: String, contact: String) throws -> String {
        var text = try Workspace.exampleConfig(smtpURL: url)
        if let creditorName {
            text = text.replacingOccurrences(of: "  name: \"Atelier Dupont SARL\"", with: "  name: \"\(creditorName)\"")
        }
        text = text.replacingOccurrences(of: "name: \"Société Générale de Menuiserie\"", with: "name: \"\(clientName)\"")
        text = text.replacingOccurrences(of: "contact: \"M. Étienne Lefèvre\"", with: "contact: \"\(contact)\"")
        return text
    }

    /// Sends C002's reminder with `config` and `ledger`; the one message the server received.
    func deliver(config: (String) throws -> String, ledger: String) throws -> (SMTPTestServer.Message, RelanceProcess.Result, SMTPTestServer) {
        let server = try SMTPTestServer()
        let ws = try Workspace(config: try config(server.url), ledger: ledger)
        let run = try ws.relance("run", "--once", "--now", Self.now)
        #expect(run.status == 0, "\(run.stderr)")
        let received = try server.received()
        #expect(received.count == 1, "\(run.stderr)")
        return (try #require(received.first), run, server)
    }

    @Test func hostileNamesContactsAndInvoiceNumbersNeverAddAHeaderOrARecipient() throws {
        // The same message with clean data: the header names to expect.
        let (clean, _, cleanServer) = try deliver(
            config: { try Self.config($0, clientName: "Société Générale de Menuiserie", contact: "M. Étienne Lefèvre") },
            ledger: Self.ledger + "F-5,C002,2026-10-17,2026-11-16,10.00,EUR,0\n")
        defer { cleanServer.stop() }
        let expectedNames = clean.rawHeaderNames
        #expect(Set(expectedNames.map { $0.lowercased() }).isSuperset(of: ["from", "to", "cc", "subject", "date", "message-id", "mime-version"]),
            "\(expectedNames)")

        let hostileLedger = Self.ledger + """
            "F-1\r\nBcc: x1@evil.example",C002,2026-10-17,2026-11-16,10.00,EUR,0
            "F-2\u{0}\r\nBcc: x2@evil.example",C002,2026-10-17,2026-11-16,10.00,EUR,0
            "F-3\rBcc: x3@evil.example",C002,2026-10-17,2026-11-16,10.00,EUR,0
            "F-4\nTo: x4@evil.example",C002,2026-10-17,2026-11-16,10.00,EUR,0
            "F-5\u{2028}Bcc: x5@evil.example",C002,2026-10-17,2026-11-16,10.00,EUR,0

            """
        let (mail, run, server) = try deliver(
            config: {
                try Self.config($0, creditorName: #"Atelier\r\nBcc: x6@evil.example\r\n\r\nfake body"#,
                    clientName: #"Menuiserie\r\nBcc: x7@evil.example\0"#, contact: #"Lefèvre\nCc: x8@evil.example\rX-Evil: 1"#)
            },
            ledger: hostileLedger)
        defer { server.stop() }
        // The four invoice numbers with CR, LF or NUL are rejected with their line; the fifth has none.
        let rejected = run.events("ledger.row_rejected")
        #expect(rejected.count == 4, "\(run.stderr)")
        // Lines as the CSV reader counts them: a quoted LF moves the next record down a line.
        #expect(Set(rejected.compactMap { LogfmtField.value("line", in: $0) }) == ["3", "5", "7", "8"], "\(rejected)")

        // Exactly the clean message's header fields, in the same order: nothing added, nothing split.
        #expect(mail.rawHeaderNames == expectedNames, "\(mail.headerBlock)")
        #expect(!mail.rawHeaderNames.contains { ["bcc", "x-evil"].contains($0.lowercased()) })
        // Only the client's own addresses, in the envelope and in the server's log.
        #expect(mail.recipients.sorted() == Self.recipients)
        #expect(try server.log().filter { $0.event == "transaction" }.allSatisfy { ($0.rcpt_tos ?? []).sorted() == Self.recipients })
        // The header block: CRLF line ends only, no NUL, no bare CR or LF, lines within 998 bytes.
        let head = Array(mail.headerBlock.utf8)
        #expect(!head.contains(0))
        for (i, byte) in head.enumerated() {
            if byte == 0x0D { #expect(i + 1 < head.count && head[i + 1] == 0x0A, "bare CR at \(i)") }
            if byte == 0x0A { #expect(i > 0 && head[i - 1] == 0x0D, "bare LF at \(i)") }
        }
        #expect(mail.headerBlock.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
        // No "evil" address reached a header as an address: decoded, they are plain text inside display names
        // or the subject at most.
        let parsed = ReceivedMail(bytes: mail.bytes)
        for name in ["To", "Cc", "From", "Reply-To"] {
            let value = parsed.header(name) ?? ""
            let addresses = value.matches(of: /<([^>]+)>/).map { String($0.1) }
            #expect(addresses.allSatisfy { !$0.contains("evil") }, "\(name): \(value)")
        }
        #expect(parsed.header("Cc") == "direction@sgm-menuiserie.fr")
        #expect(parsed.header("Subject")?.contains("F-5") == true, "the valid hostile-looking invoice is reminded")
    }

    /// The ledger's `pdf` names a PDF inside the ledger's folder: an absolute path, a `..` out of the
    /// folder, or a file that is not a PDF is never attached to a reminder nor copied into a claim file
    /// (whoever writes the export could otherwise mail any file relance can read to a debtor).
    @Test func theLedgersPdfColumnAttachesOnlyPDFsInsideItsFolder() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let outside = "outside-\(UUID().uuidString).pdf"
        let ledger = """
            invoice,client,issued,due,amount,currency,paid,pdf
            P1,C002,2026-10-17,2026-11-16,100.00,EUR,0,invoices/ok.pdf
            P2,C002,2026-10-17,2026-11-16,100.00,EUR,0,/etc/hostname
            P3,C002,2026-10-17,2026-11-16,100.00,EUR,0,invoices/../../\(outside)
            P4,C002,2026-10-17,2026-11-16,100.00,EUR,0,invoices/notes.pdf
            P5,C002,2026-10-17,2026-11-16,100.00,EUR,0,invoices/missing.pdf

            """
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        let invoices = ws.folder.appendingPathComponent("invoices")
        try FileManager.default.createDirectory(at: invoices, withIntermediateDirectories: true)
        try Data("%PDF-1.4 ok\n".utf8).write(to: invoices.appendingPathComponent("ok.pdf"))
        try Data("secret notes\n".utf8).write(to: invoices.appendingPathComponent("notes.pdf"))
        let outsidePath = ws.folder.deletingLastPathComponent().appendingPathComponent(outside)
        try Data("%PDF-1.4 outside\n".utf8).write(to: outsidePath)
        defer { try? FileManager.default.removeItem(at: outsidePath) }
        let run = try ws.relance("run", "--once", "--now", Self.now)
        #expect(run.events("reminder.sent").count == 1, "\(run.stderr)")
        let refused = run.events("attachment.refused")
        #expect(refused.count == 3, "\(run.stderr)")
        #expect(refused.contains { $0.contains("invoice=P4") && $0.contains("not a PDF") }, "\(refused)")
        let mail = try #require(try server.received().first).text
        #expect(mail.contains("ok.pdf") && !mail.contains("hostname") && !mail.contains(outside) && !mail.contains("notes.pdf"))
        let out = ws.folder.appendingPathComponent("claims").path
        // A missing PDF is named and left out: the claim file is still written.
        let claimFile = try ws.relance("claim-file", "--client", "C002", "--as-of", "2026-12-20", "--out", out)
        #expect(claimFile.status == 0 && claimFile.stderr.contains("invoices/missing.pdf is missing: not in the claim file"),
            "\(claimFile.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/C002-2026-12-20/invoices") == ["ok.pdf"])
    }

    @Test func aTemplateInDataIsPrintedLiterally() throws {
        let (mail, run, server) = try deliver(
            config: { try Self.config($0, clientName: "{{creditor.iban}}", contact: "{{creditor.iban}} {{#invoices}}x{{/invoices}}") },
            ledger: Self.ledger)
        defer { server.stop() }
        let parsed = ReceivedMail(bytes: mail.bytes)
        #expect(parsed.text.contains("{{creditor.iban}} {{#invoices}}x{{/invoices}}"), "\(parsed.text) \(run.stderr)")
        #expect(parsed.header("To")?.contains("{{creditor.iban}}") == true, "\(parsed.header("To") ?? "")")
        // The IBAN is printed where the template puts it, and only there.
        #expect(parsed.text.components(separatedBy: "FR76 3000 6000 0112 3456 7890 189").count == 2, "\(parsed.text)")
    }

    @Test func theSMTPPasswordNeverLeaks() throws {
        let user = "relance@atelier-dupont.fr"
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12)
        let right = "Right-\(suffix)-pw"
        let wrong = "Wrong-\(suffix)-pw"
        let server = try SMTPTestServer(arguments: ["--auth", "--user", user, "--password", right])
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url, username: user), ledger: Self.ledger)
        try ws.writePassword(wrong)

        var outputs: [(String, String)] = []
        func record(_ what: String, _ result: RelanceProcess.Result) {
            outputs.append((what + " stdout", result.stdout))
            outputs.append((what + " stderr", result.stderr))
        }
        // Refused with the wrong password (deferred), then delivered with the right one.
        let refused = try ws.relance("run", "--once", "--now", Self.now)
        record("run (AUTH refused)", refused)
        #expect(refused.events("reminder.deferred").first?.contains("smtp_code=535") == true, "\(refused.stderr)")
        try ws.writePassword(right)
        let sent = try ws.relance("run", "--once", "--now", "2026-11-17T10:20:00+01:00")
        record("run (AUTH accepted)", sent)
        #expect(sent.events("reminder.sent").count == 1, "\(sent.stderr)")
        #expect(try server.received().count == 1)
        for arguments in [
            ["status"], ["status", "--json"], ["history", "--client", "C002"], ["history", "--client", "C002", "--json"],
            ["history", "--invoice", "F2026-095", "--json"], ["check-config"], ["preview", "--now", Self.now, "--json"],
            ["run", "--once", "--now", "2026-11-18T10:00:00+01:00", "--log-format", "json"],
        ] {
            record(arguments.joined(separator: " "), try RelanceProcess.run([arguments[0], "--config", ws.configPath] + arguments.dropFirst()))
        }
        // A daemon that starts, reloads and stops logs nothing of it either.
        let daemon = try DaemonProcess(arguments: ["--config", ws.configPath, "--now", "2026-11-19T10:00:00+01:00"])
        #expect(daemon.waitFor("cycle.done"), "\(daemon.log)")
        daemon.signal(SIGHUP)
        #expect(daemon.waitFor("config.reloaded"), "\(daemon.log)")
        daemon.signal(SIGTERM)
        #expect(daemon.waitForExit(seconds: 15) == 0)
        outputs.append(("daemon log", daemon.log))

        let secrets = Self.secretForms(user: user, passwords: [right, wrong])
        #expect(outputs.count > 10)
        for (what, text) in outputs {
            for (form, secret) in secrets {
                #expect(!text.contains(secret), "the password (\(form)) appears in \(what)")
            }
        }
        // Every byte of the state folder: the store, its WAL and shared memory, anything else there.
        let files = try ws.stateFiles()
        #expect(files.contains { $0.lastPathComponent == "relance.sqlite" }, "\(files)")
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            for (form, secret) in secrets {
                #expect(!Self.contains(bytes, Array(secret.utf8)), "the password (\(form)) is in \(file.path)")
            }
        }
    }

    @Test func configAndPasswordFilesReadableByOthersAreWarnedAbout() throws {
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: "smtp://127.0.0.1:2525", username: "u@atelier-dupont.fr"),
            ledger: Self.ledger)
        try ws.writePassword("pw")
        let quiet = try ws.relance("check-config", "--as-of", "2026-11-16")  // before any late day: no rate warning
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(!quiet.stderr.contains("warning"), "\(quiet.stderr)")

        chmod(ws.configPath, 0o644)
        let config = try ws.relance("check-config")
        #expect(config.status == 0, "a warning, not an error: \(config.stderr)")
        let line = config.stderr.split(separator: "\n").first { $0.contains("warning") && $0.contains("readable by others") }
        #expect(line?.contains("\(ws.configPath):1:1: warning:") == true, "\(config.stderr)")
        let run = try ws.relance("preview", "--now", Self.now)
        #expect(run.stderr.contains("readable by others"), "every command warns: \(run.stderr)")

        chmod(ws.configPath, 0o600)
        chmod(ws.passwordPath, 0o644)
        let password = try ws.relance("check-config")
        let passwordLine = password.stderr.split(separator: "\n").first { $0.contains("warning") && $0.contains("password file") }
        #expect(passwordLine?.contains("readable by group and others (mode 0644)") == true, "\(password.stderr)")
        #expect(!password.stderr.contains("config file is readable"), "\(password.stderr)")
    }

    /// The password in every form a leak could take: as is, and the base64 of AUTH PLAIN and AUTH LOGIN.
    static func secretForms(user: String, passwords: [String]) -> [(String, String)] {
        passwords.flatMap { password in
            [
                ("clear", password),
                ("base64", Data(password.utf8).base64EncodedString()),
                ("AUTH PLAIN", Data("\0\(user)\0\(password)".utf8).base64EncodedString()),
                ("AUTH PLAIN authzid", Data("\(user)\0\(user)\0\(password)".utf8).base64EncodedString()),
            ]
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == first, Array(haystack[i..<(i + needle.count)]) == needle { return true }
            i += 1
        }
        return false
    }
}

import Foundation
import RelanceTestSupport
import Testing

/// The ladder driven by delivery results and by people: the real binary, a real aiosmtpd.
@Suite(.serialized) struct EscalationTests {
    /// The text of a PDF (poppler's pdftotext), whitespace normalised.
    static func pdfText(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-layout", path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    func tasks(_ ws: Workspace) throws -> (tasks: [[String: Any]], approvals: [[String: Any]]) {
        let run = try ws.relance("tasks", "--json")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        return (json["tasks"] as! [[String: Any]], json["approvals"] as! [[String: Any]])
    }

    @Test func a550OnTheFirstReminderOpensATaskAndStopsEmailsToThatAddress() throws {
        let server = try SMTPTestServer(rules: #"{"recipients": {"gerance@cafe-epoque.fr": {"action": "reply", "code": 550, "text": "5.1.1 Mailbox unknown"}}}"#)
        defer { server.stop() }
        let ledger = "invoice,client,issued,due,amount,currency,paid\nF2026-090,C003,2026-10-11,2026-11-16,1634.50,EUR,0\n"
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        let first = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(first.events("reminder.failed").first?.contains("smtp_code=550") == true, "\(first.stderr)")
        let open = try tasks(ws).tasks
        #expect(open.count == 1)
        #expect((open.first?["summary"] as? String)?.contains("email undeliverable") == true)
        // A week later the second reminder is due: it becomes a task, not an email to the dead address.
        let second = try ws.runOnce(at: "2026-11-24T10:00:00+01:00")
        #expect(second.events("reminder.undeliverable").count == 1, "\(second.stderr)")
        #expect(second.events("reminder.sent").isEmpty && second.events("reminder.failed").isEmpty)
        let transactions = try server.log().filter { $0.event == "transaction" }
        #expect(transactions.count == 1, "no second attempt reached the server")
        #expect(try tasks(ws).tasks.count == 2)
    }

    @Test func theDailyDigestReachesTheOperatorWithTheDaysTasksOnce() throws {
        let server = try SMTPTestServer(rules: #"{"recipients": {"gerance@cafe-epoque.fr": {"action": "reply", "code": 550, "text": "5.1.1 Mailbox unknown"}}}"#)
        defer { server.stop() }
        let config = try Workspace.exampleConfig(smtpURL: server.url)
            + "\noperator:\n  email: \"ops@atelier-dupont.fr\"\n  digest_at: \"08:30\"\n"
        let ledger = "invoice,client,issued,due,amount,currency,paid\nF2026-090,C003,2026-10-11,2026-11-16,1634.50,EUR,0\n"
        let ws = try Workspace(config: config, ledger: ledger)
        let run = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(run.events("digest.sent").count == 1, "\(run.stderr)")
        let digests = try server.received().filter { $0.recipients == ["ops@atelier-dupont.fr"] }
        #expect(digests.count == 1)
        let text = ReceivedMail(bytes: digests.first?.bytes ?? []).text
        #expect(text.contains("email undeliverable"))
        #expect(text.contains("+33 3 88 00 00 00"), "the client's phone number is on the phone list")
        #expect(try ws.runOnce(at: "2026-11-17T15:00:00+01:00").events("digest.sent").isEmpty, "one digest a day")
        #expect(try ws.runOnce(at: "2026-11-18T08:45:00+01:00").events("digest.sent").count == 1)
    }

    @Test func aFormalNoticeWaitsForApprovalAndIsSentOnceApproved() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        // Due 2026-10-01: on 2026-11-03 (day 33) the `notice` step is due; relance never ran before.
        let ledger = "invoice,client,issued,due,amount,currency,paid\nF2026-050,C002,2026-09-01,2026-10-01,2400.00,EUR,0\n"
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        let waiting = try ws.runOnce(at: "2026-11-03T10:00:00+01:00")
        #expect(waiting.events("approval.requested").count == 1, "\(waiting.stderr)")
        #expect(try server.received().isEmpty, "not sent before approval")
        let preview = try ws.relance("preview", "--now", "2026-11-03T11:00:00+01:00", "--json")
        #expect(preview.stdout.contains("\"kind\" : \"approval\""), "\(preview.stdout)")
        #expect(try ws.runOnce(at: "2026-11-03T11:00:00+01:00").events("approval.requested").isEmpty)
        #expect(try server.received().isEmpty)
        let approvals = try tasks(ws).approvals
        #expect(approvals.count == 1 && approvals.first?["waiting"] as? Bool == true)
        let id = "\(approvals.first?["id"] as? Int ?? 0)"
        #expect(try ws.relance("approve", id).status == 0)
        let sent = try ws.runOnce(at: "2026-11-03T12:00:00+01:00")
        #expect(sent.events("reminder.sent").first?.contains("step=notice") == true, "\(sent.stderr)")
        let mails = try server.received()
        #expect(mails.count == 1)
        #expect(ReceivedMail(bytes: mails[0].bytes).text.contains("mise en demeure"))
        // The mise en demeure PDF is attached and written to the outbox for registered post.
        let raw = String(decoding: mails[0].bytes, as: UTF8.self)
        #expect(raw.contains("mise-en-demeure-C002-2026-11-03.pdf") && raw.contains("Content-Type: application/pdf"))
        let outbox = ws.folder.appendingPathComponent("state/outbox/mise-en-demeure-C002-2026-11-03.pdf").path
        #expect(FileManager.default.fileExists(atPath: outbox))
        let text = try Self.pdfText(outbox)
        #expect(text.contains("La présente lettre vaut mise en demeure"), "\(text)")
        #expect(text.contains("F2026-050"))
        #expect(text.contains("2 400,00"))
        // The registered letter is a task that gates the ladder (the legal step waits for it).
        #expect(try tasks(ws).tasks.contains { ($0["action"] as? String) == "formal-notice" && ($0["state"] as? String) == "open" })
        // Approving twice is refused with exit 1.
        #expect(try ws.relance("approve", id).status == 1)
        // The claim file for the courts holds every piece.
        let out = ws.folder.appendingPathComponent("claims").path
        let file = try ws.relance("claim-file", "--client", "C002", "--out", out, "--as-of", "2026-11-20")
        #expect(file.status == 0, "\(file.stderr)")
        let folder = out + "/C002-2026-11-20"
        let listing = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
        for piece in ["summary.pdf", "claim.csv", "mise-en-demeure.pdf", "journal.txt"] {
            #expect(listing.contains(piece), "\(piece) missing from \(listing)")
        }
        #expect(listing.contains { $0.hasPrefix("reminders/") && $0.hasSuffix(".eml") })
        #expect(FileManager.default.fileExists(atPath: out + "/C002-2026-11-20.zip"))
        let csv = try String(contentsOfFile: folder + "/claim.csv", encoding: .utf8)
        #expect(csv.contains("F2026-050,C002,2026-10-01,2400.00,50"), "\(csv)")
        #expect(try Self.pdfText(folder + "/summary.pdf").contains("Tribunal de commerce"))
    }

    @Test func aPromiseStopsRemindersAndABrokenOneResumesWithATask() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ledger = "invoice,client,issued,due,amount,currency,paid\nF2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0\n"
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        #expect(try ws.runOnce(at: "2026-11-17T10:00:00+01:00").events("reminder.sent").count == 1)
        #expect(try ws.relance(
            "promise", "F2026-095", "--amount", "4850.00", "--date", "2026-11-27", "--grace", "2", "--now", "2026-11-17T11:00:00+01:00").status == 0)
        // Preview shows what the cycle would do: nothing for the promised invoice while the promise stands.
        let preview = try ws.relance("preview", "--now", "2026-11-24T09:00:00+01:00", "--days", "4", "--json")
        #expect(preview.status == 0)
        #expect(!preview.stdout.contains("F2026-095"), "\(preview.stdout)")
        // 2026-11-24 would be the second reminder; the promise holds it.
        let held = try ws.runOnce(at: "2026-11-24T10:00:00+01:00")
        #expect(held.events("reminder.sent").isEmpty, "\(held.stderr)")
        // 2026-11-30: date + grace passed, still unpaid: a task, and the ladder resumes at the next rung.
        let broken = try ws.runOnce(at: "2026-11-30T10:00:00+01:00")
        #expect(broken.events("hold.ended").first?.contains("ending=promise-broken") == true, "\(broken.stderr)")
        #expect(broken.events("reminder.sent").first?.contains("step=second") == true, "\(broken.stderr)")
        #expect(try tasks(ws).tasks.contains { ($0["summary"] as? String)?.hasPrefix("promise broken") == true })
        #expect(try server.received().count == 2)
    }

    /// F2026-095 of C002 (4,850.00), its first reminder sent on 17 November, then a promise of 2,000.00 by
    /// the 27th (grace 2 days), given at 11:00 that day; `paidBefore`: what a newer export shows paid
    /// before the promise. Returns the workspace and the ledger as first written.
    static func promisedWorkspace(_ server: SMTPTestServer, paidBefore: String? = nil) throws -> (Workspace, String) {
        let ledger = "invoice,client,issued,due,amount,currency,paid\nF2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0\n"
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        #expect(try ws.runOnce(at: "2026-11-17T10:00:00+01:00").events("reminder.sent").count == 1)
        if let paidBefore { try ws.write(ledger: ledger.replacingOccurrences(of: "4850.00,EUR,0", with: "4850.00,EUR,\(paidBefore)")) }
        #expect(try ws.relance(
            "promise", "F2026-095", "--amount", "2000.00", "--date", "2026-11-27", "--grace", "2", "--now", "2026-11-17T11:00:00+01:00"
        ).status == 0)
        return (ws, ledger)
    }

    @Test func aPromiseForPartOfTheBalanceKeptOnTimeIsNotABrokenPromise() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let (ws, ledger) = try Self.promisedWorkspace(server)
        // The export of the 26th shows the 2,000.00 promised: the promise is kept, the rest is chased.
        try ws.write(ledger: ledger.replacingOccurrences(of: "4850.00,EUR,0", with: "4850.00,EUR,2000.00"))
        let kept = try ws.runOnce(at: "2026-11-26T10:00:00+01:00")
        #expect(kept.events("hold.ended").first?.contains("ending=kept") == true, "\(kept.stderr)")
        #expect(try tasks(ws).tasks.isEmpty, "no 'promise broken' task: it was kept")
        let later = try ws.runOnce(at: "2026-11-30T10:00:00+01:00")
        #expect(later.events("hold.ended").isEmpty, "\(later.stderr)")
        #expect(try tasks(ws).tasks.allSatisfy { ($0["summary"] as? String)?.hasPrefix("promise broken") != true })
    }

    /// A promise partly kept: the task says what arrived of it and what is missing, not that nothing came.
    @Test func aBrokenPromiseSaysWhatArrivedAndWhatIsMissing() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let (ws, ledger) = try Self.promisedWorkspace(server)
        try ws.write(ledger: ledger.replacingOccurrences(of: "4850.00,EUR,0", with: "4850.00,EUR,500.00"))
        let broken = try ws.runOnce(at: "2026-11-30T10:00:00+01:00")
        #expect(broken.events("hold.ended").first?.contains("ending=promise-broken") == true, "\(broken.stderr)")
        let summary = "promise broken: 2000.00 EUR promised for 2026-11-27: 500.00 EUR received, 1500.00 EUR missing; call the client"
        let open = try tasks(ws).tasks
        #expect(open.contains { $0["summary"] as? String == summary }, "\(open)")
        #expect(broken.events("hold.ended").first?.contains("500.00 EUR received") == true, "\(broken.stderr)")
    }

    /// A promise's baseline is the ledger file as the next cycle will read it: a payment in an export no
    /// cycle has read yet, made before the promise, does not keep it.
    @Test func aPaymentInANewerExportBeforeThePromiseDoesNotKeepIt() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let (ws, _) = try Self.promisedWorkspace(server, paidBefore: "2000.00")
        // Nothing more arrives: broken after 27 Nov + 2 days, not kept by the 2,000.00 paid before it.
        #expect(try ws.runOnce(at: "2026-11-26T10:00:00+01:00").events("hold.ended").isEmpty)
        let broken = try ws.runOnce(at: "2026-11-30T10:00:00+01:00")
        #expect(broken.events("hold.ended").first?.contains("ending=promise-broken") == true, "\(broken.stderr)")
    }

    @Test func aPaymentToldByHandOrAWriteOffStopsReminders() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ledger = """
            invoice,client,issued,due,amount,currency,paid
            F2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0
            F2026-090,C003,2026-10-11,2026-11-16,1634.50,EUR,1000.00

            """
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        // Known before the next export: C002 paid in full; C003's balance is written off.
        #expect(try ws.relance("run", "--once", "--now", "2026-11-13T10:00:00+01:00").status == 0)
        #expect(try ws.relance("pay", "F2026-095", "4850.00", "--date", "2026-11-16").status == 0)
        #expect(try ws.relance("write-off", "F2026-090", "--reason", "balance waived").status == 0)
        let run = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(run.events("reminder.sent").isEmpty, "\(run.stderr)")
        #expect(try server.received().filter { $0.recipients.contains("factures@sgm-menuiserie.fr") }.count <= 1,
            "at most the courtesy of the 13th; no reminder after the payment")
        #expect(try ws.relance("history", "--invoice", "F2026-090").stdout.contains("invoice.closed"))
        // Once the export shows the payment it is not counted twice (max, not sum): still settled.
        try ws.write(ledger: ledger.replacingOccurrences(of: "4850.00,EUR,0", with: "4850.00,EUR,4850.00"))
        #expect(try ws.runOnce(at: "2026-11-18T10:00:00+01:00").events("reminder.sent").isEmpty)
        // Unknown invoices are refused with exit 1.
        #expect(try ws.relance("pay", "NOPE", "1.00").status == 1)
        // More than is still due: a likely typo, refused unless the client really paid more.
        let typo = try ws.relance("pay", "F2026-090", "6345.00")
        #expect(typo.status == 1 && typo.stderr.contains(
            "6345.00 is more than the 634.50 EUR still due on F2026-090 (amount 1634.50, paid 1000.00): nothing recorded; "
                + "give --overpaid"), "\(typo.stderr)")
        #expect(!(try ws.relance("history", "--invoice", "F2026-090").stdout.contains("payment")))
        #expect(try ws.relance("pay", "F2026-090", "700.00", "--overpaid").status == 0)
    }
}

import Foundation
import RelanceTestSupport
import Testing

/// Every operator action takes `--json`: stdout is one object saying what was recorded (ids, invoices,
/// dates, amounts as decimal strings) with its journal entries; an error is an object too, with the
/// contract's exit code.
@Suite(.serialized) struct OperatorJSONTests {
    /// C001 and C003 are 23 and 28 days late on the 17th (a call task each); C002 is one day late;
    /// F2026-050 is 47 days late (the legal step waits for approval).
    static let ledger = """
        invoice,client,issued,due,amount,currency,paid
        F2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0
        F2026-081,C001,2026-09-25,2026-10-25,1200.00,EUR,300.00
        F2026-090,C003,2026-09-20,2026-10-20,1634.50,EUR,0
        F2026-050,C006,2026-09-01,2026-10-01,2400.00,EUR,0

        """

    func object(_ run: RelanceProcess.Result) throws -> [String: Any] {
        let lines = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return try #require(try JSONSerialization.jsonObject(with: Data(lines.utf8)) as? [String: Any], "\(run.stdout)\n\(run.stderr)")
    }

    func journalKinds(_ json: [String: Any]) -> [String] {
        (json["journal"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
    }

    /// `relance task done|skip …`: `--config` goes after the subcommand (the `task` group takes no options).
    func taskCommand(_ ws: Workspace, _ arguments: String...) throws -> RelanceProcess.Result {
        try RelanceProcess.run(["task"] + arguments + ["--config", ws.configPath])
    }

    func tasks(_ ws: Workspace) throws -> [[String: Any]] {
        try object(try ws.relance("tasks", "--json"))["tasks"] as? [[String: Any]] ?? []
    }

    @Test func holdsPaymentsAndWriteOffsPrintWhatTheyRecorded() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.ledger)
        #expect(try ws.runOnce(at: "2026-11-17T10:00:00+01:00").status == 0)

        let promise = try object(try ws.relance(
            "promise", "F2026-095", "--amount", "4850.00", "--date", "2026-11-27", "--grace", "2", "--json",
            "--now", "2026-11-17T11:00:00+01:00"))
        let hold = try #require(promise["hold"] as? [String: Any])
        #expect(hold["kind"] as? String == "promise" && hold["invoice"] as? String == "F2026-095" && hold["client"] as? String == "C002")
        #expect(hold["amount"] as? String == "4850.00" && hold["currency"] as? String == "EUR")
        #expect(hold["date"] as? String == "2026-11-27" && hold["grace_days"] as? Int == 2 && hold["last_day"] as? String == "2026-11-29")
        #expect(journalKinds(promise) == ["hold.added"])
        let entry = try #require((promise["journal"] as? [[String: Any]])?.first)
        #expect((entry["hash"] as? String)?.count == 64 && (entry["detail"] as? String)?.contains("by=operator") == true)

        let plan = try object(try ws.relance(
            "plan", "F2026-090", "--instalment", "2027-01-05=834.50", "--instalment", "2026-12-05=800.00", "--json"))
        let instalments = (plan["hold"] as? [String: Any])?["instalments"] as? [[String: String]]
        #expect(instalments == [["date": "2026-12-05", "amount": "800.00"], ["date": "2027-01-05", "amount": "834.50"]])

        let dispute = try object(try ws.relance("dispute", "F2026-081", "--reason", "damaged goods", "--review", "2026-12-15", "--json",
            "--now", "2026-11-17T10:10:00+01:00"))
        #expect((dispute["hold"] as? [String: Any])?["review"] as? String == "2026-12-15")
        #expect((dispute["hold"] as? [String: Any])?["reason"] as? String == "damaged goods")

        // A hold that would end before it starts is refused, and records nothing.
        let past = try ws.relance("dispute", "F2026-081", "--reason", "x", "--review", "2026-11-16", "--now", "2026-11-17T10:10:00+01:00")
        #expect(past.status != 0 && past.stderr.contains("--review: 2026-11-16 is before today (2026-11-17)"), "\(past.stderr)")
        let over = try ws.relance("pause", "--client", "C001", "--until", "2026-11-01", "--reason", "x", "--now", "2026-11-17T10:10:00+01:00")
        #expect(over.status != 0 && over.stderr.contains("--until: 2026-11-01 is before today (2026-11-17)"), "\(over.stderr)")

        let pause = try object(try ws.relance("pause", "--client", "C001", "--until", "2026-12-01", "--reason", "owner on leave", "--json",
            "--now", "2026-11-17T10:10:00+01:00"))
        let paused = try #require(pause["hold"] as? [String: Any])
        #expect(paused["scope"] as? String == "client" && paused["client"] as? String == "C001" && paused["until"] as? String == "2026-12-01")

        #expect(try ws.relance("resume", "--client", "NOPE").status == 1, "an unknown client is an error, not 'nothing to lift'")
        #expect(try ws.relance("resume", "--invoice", "NOPE").status == 1, "so is an unknown invoice")
        // The client's holds: its pause, and the dispute on its invoice F2026-081.
        let resume = try object(try ws.relance("resume", "--client", "C001", "--json"))
        let disputed = (dispute["hold"] as? [String: Any])?["id"] as? Int
        #expect((resume["lifted"] as? [[String: Any]])?.map { $0["id"] as? Int } == [disputed, paused["id"] as? Int])
        #expect(journalKinds(resume) == ["hold.ended", "hold.ended"])

        let pay = try object(try ws.relance("pay", "F2026-090", "800.00", "--date", "2026-11-20", "--json"))
        #expect(pay["payment"] as? [String: String] == [
            "invoice": "F2026-090", "client": "C003", "amount": "800.00", "currency": "EUR", "date": "2026-11-20",
        ])
        #expect(pay["paid"] as? String == "800.00" && pay["outstanding"] as? String == "834.50" && pay["settled"] as? Bool == false)
        #expect(journalKinds(pay) == ["payment.recorded"])

        let openTasks = try tasks(ws).filter { ($0["invoice"] as? String) == "F2026-081" && ($0["state"] as? String) == "open" }
        let writeOff = try object(try ws.relance("write-off", "F2026-081", "--reason", "balance waived", "--json"))
        let closure = try #require(writeOff["closure"] as? [String: String])
        #expect(closure["reason"] == "written-off" && closure["outstanding"] == "900.00" && closure["note"] == "balance waived")
        #expect((writeOff["closed_tasks"] as? [Int])?.sorted() == openTasks.compactMap { $0["id"] as? Int }.sorted())
        #expect(!openTasks.isEmpty, "the call task of F2026-081 was open")
        #expect(journalKinds(writeOff) == ["invoice.closed"])
        // Writing it off twice is refused: exit 1, and an error object.
        let again = try ws.relance("write-off", "F2026-081", "--reason", "again", "--json")
        #expect(again.status == 1)
        #expect((try object(again)["error"] as? String)?.contains("already closed") == true)
    }

    @Test func tasksAndApprovalsPrintWhatTheyRecorded() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.ledger)
        #expect(try ws.runOnce(at: "2026-11-17T10:00:00+01:00").status == 0)
        let calls = try tasks(ws).filter { ($0["action"] as? String) == "call" }
        #expect(calls.count == 2, "\(calls)")
        let first = try #require(calls.first?["id"] as? Int)
        let second = try #require(calls.last?["id"] as? Int)

        let done = try object(try taskCommand(ws, "done", "\(first)", "--outcome", "letter sent", "--reference", "1A12345678901", "--received", "2026-11-16",
            "--now", "2026-11-17T12:00:00+01:00", "--json"))
        let task = try #require(done["task"] as? [String: Any])
        #expect(task["id"] as? Int == first && task["state"] as? String == "done" && task["outcome"] as? String == "letter sent")
        #expect(task["reference"] as? String == "1A12345678901" && task["received"] as? String == "2026-11-16")
        #expect(journalKinds(done) == ["task.done"])
        let at = (done["journal"] as? [[String: Any]])?.first?["at"] as? String
        #expect(at == "2026-11-17T11:00:00Z", "--now stamps the journal")

        let skip = try object(try taskCommand(ws, "skip", "\(second)", "--reason", "client called us", "--json"))
        #expect((skip["task"] as? [String: Any])?["state"] as? String == "skipped")
        #expect(journalKinds(skip) == ["task.skipped"])

        let approvals = try object(try ws.relance("tasks", "--json"))["approvals"] as? [[String: Any]] ?? []
        let approvalID = try #require(approvals.first?["id"] as? Int, "the legal step of F2026-050 waits")
        let approve = try object(try ws.relance("approve", "\(approvalID)", "--json"))
        let approval = try #require(approve["approval"] as? [String: Any])
        #expect(approval["state"] as? String == "approved" && approval["invoice"] as? String == "F2026-050")
        #expect(journalKinds(approve) == ["approval.granted"])
    }

    @Test func errorsAreObjectsWithTheContractsExitCodes() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let config = try Workspace.exampleConfig(smtpURL: server.url)
        let ws = try Workspace(config: config, ledger: Self.ledger)
        #expect(try ws.runOnce(at: "2026-11-17T10:00:00+01:00").status == 0)
        let id = try #require(try tasks(ws).first?["id"] as? Int)

        let unknownTask = try taskCommand(ws, "done", "999", "--json")
        #expect(unknownTask.status == 1)
        #expect(try object(unknownTask)["error"] as? String == "no task 999 (relance tasks lists them)")
        #expect(try object(unknownTask)["exit_code"] as? Int == 1)

        let future = try taskCommand(ws, "done", "\(id)", "--received", "2026-11-18", "--now", "2026-11-17T12:00:00+01:00", "--json")
        #expect(future.status == 1)
        #expect((try object(future)["error"] as? String)?.hasPrefix("--received: 2026-11-18 is in the future") == true, "\(future.stdout)")
        let notADate = try taskCommand(ws, "done", "\(id)", "--received", "17/11/2026")
        #expect(notADate.status == 1 && notADate.stderr.contains("--received: not a date"), "\(notADate.stderr)")
        #expect(try tasks(ws).first?["state"] as? String == "open", "nothing was recorded")

        let usage = try ws.relance("promise", "F2026-095", "--date", "2026-11-27", "--json")
        #expect(usage.status == 1)
        #expect((try object(usage)["error"] as? String)?.contains("--amount") == true, "\(usage.stdout)")

        let unknownInvoice = try ws.relance("pay", "NOPE", "1.00", "--json")
        #expect(unknownInvoice.status == 1)
        #expect((try object(unknownInvoice)["error"] as? String)?.contains("unknown invoice NOPE") == true)

        // history: a mistyped id is an error (exit 1), not an empty history; entries say `kind` as the
        // action commands' journal entries do (and `event`, as before).
        let noInvoice = try ws.relance("history", "--invoice", "NOPE", "--json")
        #expect(noInvoice.status == 1 && noInvoice.stderr.contains("unknown invoice NOPE"), "\(noInvoice.stderr)")
        let noClient = try ws.relance("history", "--client", "ZZZ")
        #expect(noClient.status == 1 && noClient.stderr.contains("unknown client ZZZ"), "\(noClient.stderr)")
        let known = try ws.relance("history", "--client", "C002", "--json")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(known.stdout.utf8)) as? [[String: Any]])
        #expect(!entries.isEmpty && entries.allSatisfy { $0["kind"] as? String == $0["event"] as? String }, "\(known.stdout)")

        let resolve = try ws.relance("resolve", "999", "--delivered", "--json")
        #expect(resolve.status == 1)
        #expect((try object(resolve)["error"] as? String) == "no message 999")

        // A store that cannot be opened is a runtime failure: exit 2.
        try ws.write(config: config.replacingOccurrences(of: "state: \"state/relance.sqlite\"", with: "state: \"/proc/relance-none/relance.sqlite\""))
        let broken = try ws.relance("approve", "1", "--json")
        #expect(broken.status == 2, "\(broken.stderr)")
        #expect(try object(broken)["exit_code"] as? Int == 2)
        // An invalid config: exit 1 with its problems.
        try ws.write(config: config.replacingOccurrences(of: "max_per_minute: 60", with: "max_per_minute: sixty"))
        let invalid = try taskCommand(ws, "skip", "1", "--reason", "x", "--json")
        #expect(invalid.status == 1)
        #expect((try object(invalid)["problems"] as? [String])?.first?.contains("max_per_minute") == true, "\(invalid.stdout)")
    }

    @Test func theReceiptDateReachesTasksHistoryAndTheClaimFile() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        // Due 2026-10-01: on 2026-11-03 the notice step is due; approved, it is emailed and a task opens.
        let ledger = "invoice,client,issued,due,amount,currency,paid\nF2026-050,C002,2026-09-01,2026-10-01,2400.00,EUR,0\n"
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: ledger)
        #expect(try ws.runOnce(at: "2026-11-03T10:00:00+01:00").status == 0)
        #expect(try ws.relance("approve", "1").status == 0)
        #expect(try ws.runOnce(at: "2026-11-03T11:00:00+01:00").events("reminder.sent").count == 1)
        let notice = try #require(try tasks(ws).first { ($0["action"] as? String) == "formal-notice" }?["id"] as? Int)
        let done = try taskCommand(ws, "done", "\(notice)", "--reference", "1A12345678901", "--received", "2026-11-05", "--outcome", "sent by LRAR",
            "--now", "2026-11-06T09:00:00+01:00")
        #expect(done.status == 0, "\(done.stderr)")
        let listed = try #require(try tasks(ws).first { ($0["id"] as? Int) == notice })
        #expect(listed["received"] as? String == "2026-11-05" && listed["reference"] as? String == "1A12345678901")
        #expect(try ws.relance("tasks").stdout.contains("sent by LRAR (reference 1A12345678901, received 2026-11-05)"))
        let history = try ws.relance("history", "--invoice", "F2026-050").stdout
        #expect(history.contains("reference=1A12345678901") && history.contains("received=2026-11-05"), "\(history)")
        let out = ws.folder.appendingPathComponent("claims").path
        #expect(try ws.relance("claim-file", "--invoice", "F2026-050", "--out", out, "--as-of", "2026-11-20").status == 0)
        let proof = try String(contentsOfFile: out + "/C002-2026-11-20/registered-letter.txt", encoding: .utf8)
        #expect(proof.contains("registered letter: 1A12345678901") && proof.contains("received: 2026-11-05"), "\(proof)")
    }
}

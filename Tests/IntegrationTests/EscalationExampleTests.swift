import Foundation
import RelanceTestSupport
import Testing

/// The README's "Escalation" worked example, command for command, against the real binary and aiosmtpd:
/// the daemon's cycles are `run --once` at each day of the story, the operator's commands get `--now` of
/// that day. If this test changes, the README's example changes with it.
@Suite(.serialized) struct EscalationExampleTests {
    static let ledger = "invoice,client,issued,due,amount,currency,paid\nF2026-095,C002,2026-10-17,2026-11-16,4850.00,EUR,0\n"

    func json(_ run: RelanceProcess.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)\n\(run.stderr)")
    }

    @Test func theWorkedExampleWalksTheWholeLadder() throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let ws = try Workspace(config: try Workspace.exampleConfig(smtpURL: server.url), ledger: Self.ledger)
        func run(_ at: String) throws -> RelanceProcess.Result {
            let result = try ws.runOnce(at: at)
            #expect(result.status == 0, "\(result.stderr)")
            return result
        }
        @discardableResult
        /// `relance ARGUMENTS…` as the README has it, plus `--now` of the story's day for the commands that take it.
        func relance(_ arguments: String..., now: String? = nil) throws -> RelanceProcess.Result {
            let result = try RelanceProcess.run(arguments + ["--config", ws.configPath] + (now.map { ["--now", $0] } ?? []))
            #expect(result.status == 0, "relance \(arguments.joined(separator: " ")): \(result.stderr)")
            return result
        }

        // Fri 13 Nov: the courtesy email (due − 3). Wed 18 Nov: the first reminder (due + 1, after the
        // five-day minimum gap).
        #expect(try run("2026-11-13T10:00:00+01:00").events("reminder.sent").first?.contains("step=courtesy") == true)
        #expect(try run("2026-11-17T10:00:00+01:00").events("reminder.sent").isEmpty, "the minimum gap holds the first reminder")
        #expect(try run("2026-11-18T10:00:00+01:00").events("reminder.sent").first?.contains("step=first") == true)
        let history = try relance("history", "--invoice", "F2026-095").stdout
        let kinds = history.split(separator: "\n").compactMap { $0.split(separator: " ").dropFirst().first.map(String.init) }
        #expect(kinds.first == "ledger.imported", "\(history)")
        #expect(kinds.filter { $0 == "message.sent" }.count == 2 && history.contains("step=courtesy") && history.contains("step=first"))

        // Mon 23 Nov, the client calls and promises to pay on the 27th (the morning's cycle sent nothing):
        #expect(try run("2026-11-23T10:00:00+01:00").events("reminder.sent").isEmpty)
        try relance("promise", "F2026-095", "--amount", "4850.00", "--date", "2026-11-27", "--grace", "2", now: "2026-11-23T11:00:00+01:00")
        let preview = try relance("preview", "--days", "10", now: "2026-11-23T11:00:00+01:00").stdout
        // The promise holds F2026-095 until it ends unpaid (27 Nov + 2 days of grace), as the cycles below show.
        let previewLines = preview.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("2026") }
        #expect(previewLines.count == 3 && !preview.contains("HELD"), "\(preview)")
        #expect(previewLines.first?.hasPrefix("2026-11-30 00:00 Europe/Paris  C002  hold-promise-broken  task call") == true, "\(preview)")
        #expect(previewLines.dropFirst().first?.hasPrefix("2026-11-30 09:00 Europe/Paris  C002  second  email second-reminder") == true, "\(preview)")
        #expect(previewLines.last?.hasPrefix("2026-12-01 00:00 Europe/Paris  C002  call  task call") == true, "\(preview)")
        #expect(try run("2026-11-24T10:00:00+01:00").events("reminder.sent").isEmpty, "the promise holds the second reminder")

        // Mon 30 Nov: no payment in the ledger: the promise is broken, a task opens, the second reminder goes.
        // A preview at that instant, before the cycle, says so too (the hold's end is due, not past).
        let due = try relance("preview", "--days", "1", now: "2026-11-30T10:00:00+01:00").stdout
        #expect(due.contains("2026-11-30 10:00 Europe/Paris  C002  hold-promise-broken  task call"), "\(due)")
        let broken = try run("2026-11-30T10:00:00+01:00")
        #expect(broken.events("hold.ended").first?.contains("ending=promise-broken") == true, "\(broken.stderr)")
        #expect(broken.events("reminder.sent").first?.contains("step=second") == true, "\(broken.stderr)")
        #expect(broken.events("cycle.done").first?.contains(" tasks=1") == true, "the hold's task counts: \(broken.stderr)")
        // The first reminder went on the 18th (the courtesy before the due date is not one): the second says so.
        let second = ReceivedMail(bytes: try #require(try server.received().last).bytes)
        #expect(second.header("Subject")?.hasPrefix("Deuxième relance : ") == true, "\(second.header("Subject") ?? "")")
        #expect(second.text.contains("Malgré notre précédente relance, nous constatons que"), "\(second.text)")
        let open1 = try relance("tasks", "--open").stdout
        #expect(open1.contains("#1 [open] C002 F2026-095 hold-promise-broken: promise broken"), "\(open1)")
        try relance("task", "done", "1", "--outcome", "says the transfer leaves on Friday", now: "2026-11-30T11:00:00+01:00")

        // Tue 1 Dec (due + 15): the call step, a task that gates the ladder.
        let call = try run("2026-12-01T10:00:00+01:00")
        #expect(call.events("task.opened").first?.contains("step=call") == true, "\(call.stderr)")
        let open2 = try relance("tasks", "--open").stdout
        #expect(open2.contains("#2 [open] C002 F2026-095 call:") && open2.contains("+33 5 56 00 00 00"), "\(open2)")
        try relance("task", "done", "2", "--outcome", "no answer, left a voicemail", now: "2026-12-01T11:00:00+01:00")

        // Wed 16 Dec (due + 30): the formal notice is prepared and waits for approval.
        let notice = try run("2026-12-16T10:00:00+01:00")
        #expect(notice.events("approval.requested").first?.contains("step=notice") == true, "\(notice.stderr)")
        #expect(notice.events("reminder.sent").isEmpty)
        let preview2 = try relance("preview", now: "2026-12-16T10:30:00+01:00").stdout
        #expect(preview2.contains("C002  notice  formal-notice waits for approval (relance approve ID)  invoices: F2026-095"), "\(preview2)")
        let waiting = try relance("tasks").stdout
        #expect(waiting.contains("Waiting for approval (relance approve ID):\n  #1 C002 F2026-095 notice"), "\(waiting)")
        try relance("approve", "1", now: "2026-12-16T10:30:00+01:00")
        let sent = try run("2026-12-16T11:00:00+01:00")
        #expect(sent.events("reminder.sent").first?.contains("step=notice") == true, "\(sent.stderr)")
        let post = try relance("tasks", "--open").stdout
        #expect(post.contains("#3 [open] C002 F2026-095 notice: send the formal notice (mise en demeure) by registered post"), "\(post)")
        try relance("task", "done", "3", "--reference", "1A12345678901", "--received", "2026-12-18", "--outcome", "sent by LRAR",
            now: "2026-12-18T15:00:00+01:00")

        // Thu 31 Dec (due + 45): the legal step waits for approval, then becomes a hand-over task.
        let legal = try run("2026-12-31T10:00:00+01:00")
        #expect(legal.events("approval.requested").first?.contains("step=legal") == true, "\(legal.stderr)")
        try relance("approve", "2", now: "2026-12-31T10:30:00+01:00")
        let handOver = try run("2026-12-31T11:00:00+01:00")
        #expect(handOver.events("task.opened").first?.contains("step=legal") == true, "\(handOver.stderr)")
        #expect(try relance("tasks", "--open").stdout.contains("#4 [open] C002 F2026-095 legal: hand the claim over"))

        let all = try relance("history", "--invoice", "F2026-095").stdout
        for event in ["hold.added", "hold.ended", "task.done", "approval.granted", "message.sent"] {
            #expect(all.contains(event), "\(event) missing from \(all)")
        }
        #expect(all.contains("reference=1A12345678901") && all.contains("received=2026-12-18"))
        #expect(try server.received().count == 4, "courtesy, first, second and the mise en demeure")
    }
}

import Foundation
import RelanceTestSupport
import Testing

/// An address that keeps answering 4xx is marked undeliverable as a 5xx does, after
/// `smtp.undeliverable_after_deferrals` deferrals in a row; a server that cannot be reached is not the
/// address's fault.
@Suite(.serialized) struct AddressDeferralTests {
    static let ledger = "invoice,client,issued,due,amount,currency,paid\nF2026-090,C003,2026-10-11,2026-11-16,1634.50,EUR,0\n"

    static func config(smtpURL: String) throws -> String {
        try Workspace.exampleConfig(smtpURL: smtpURL)
            .replacingOccurrences(of: "max_per_minute: 60", with: "max_per_minute: 60\n  undeliverable_after_deferrals: 3")
    }

    func openTasks(_ ws: Workspace) throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Data(try ws.relance("tasks", "--open", "--json").stdout.utf8)) as? [String: Any]
        return json?["tasks"] as? [[String: Any]] ?? []
    }

    @Test func threeDeferralsInARowMarkTheAddressUndeliverable() throws {
        let server = try SMTPTestServer(rules: #"{"recipients": {"gerance@cafe-epoque.fr": {"action": "reply", "code": 451, "text": "4.3.0 Try again later"}}}"#)
        defer { server.stop() }
        let ws = try Workspace(config: try Self.config(smtpURL: server.url), ledger: Self.ledger)
        // Retries wait 15 min, then 30 min: attempts at 10:00, 10:20 and 11:00.
        let first = try ws.runOnce(at: "2026-11-17T10:00:00+01:00")
        #expect(first.events("reminder.deferred").first?.contains("smtp_code=451") == true, "\(first.stderr)")
        let second = try ws.runOnce(at: "2026-11-17T10:20:00+01:00")
        #expect(second.events("reminder.deferred").count == 1 && second.events("address.undeliverable").isEmpty, "\(second.stderr)")
        #expect(try openTasks(ws).isEmpty, "two deferrals are not yet a dead address")
        let third = try ws.runOnce(at: "2026-11-17T11:00:00+01:00")
        #expect(third.events("reminder.deferred").count == 1, "\(third.stderr)")
        #expect(third.events("address.undeliverable").first?.contains("address=gerance@cafe-epoque.fr") == true, "\(third.stderr)")
        #expect(third.events("reminder.failed").first?.contains("3 temporary failures in a row") == true, "\(third.stderr)")
        let tasks = try openTasks(ws)
        #expect(tasks.count == 1 && (tasks.first?["summary"] as? String)?.hasPrefix("email undeliverable") == true, "\(tasks)")
        // The deferred message is given up: no fourth attempt.
        #expect(try ws.runOnce(at: "2026-11-17T15:00:00+01:00").events("reminder.deferred").isEmpty)
        #expect(try server.log().filter { $0.event == "transaction" }.count == 3)
        // A week later the second reminder is due: a task, not an email to the dead address.
        let later = try ws.runOnce(at: "2026-11-24T10:00:00+01:00")
        #expect(later.events("reminder.undeliverable").count == 1, "\(later.stderr)")
        #expect(try server.log().filter { $0.event == "transaction" }.count == 3)
        #expect(try ws.relance("history", "--client", "C003").stdout.contains("address.undeliverable"))
    }

    @Test func aServerThatCannotBeReachedIsNotTheAddresssFault() throws {
        // Nothing listens on port 9 of the loopback: every attempt is refused before any SMTP reply.
        let ws = try Workspace(config: try Self.config(smtpURL: "smtp://127.0.0.1:9"), ledger: Self.ledger)
        var deferred = 0
        for at in ["10:00", "10:20", "11:00", "12:00", "14:00"] {
            let run = try ws.runOnce(at: "2026-11-17T\(at):00+01:00")
            deferred += run.events("reminder.deferred").count
            #expect(run.events("address.undeliverable").isEmpty, "\(run.stderr)")
        }
        #expect(deferred == 5)
        #expect(try openTasks(ws).isEmpty)
    }
}

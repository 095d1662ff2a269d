import Foundation
import RelanceCore

/// Shared builders for core tests: a pinned Paris time zone, the contract's standard schedule, clients.
enum Fixtures {
    static let paris = TimeZone(identifier: "Europe/Paris")!
    static let eur = Currency.eur

    static func date(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    /// An instant given as Paris wall-clock time `YYYY-MM-DD HH:MM`.
    static func paris(_ s: String) -> Date { local(s, paris) }

    static func local(_ s: String, _ tz: TimeZone) -> Date {
        let parts = s.split(separator: " ")
        let hm = parts[1].split(separator: ":")
        return LocalDateTime(date: date(String(parts[0])), minutes: Int(hm[0])! * 60 + Int(hm[1])!).instant(in: tz)
    }

    static func money(_ s: String) -> Money { Money(decimal: s, currency: eur)! }

    static let standard = Schedule(
        name: "standard",
        steps: [
            Step(name: "courtesy", offsetDays: -3, action: .email, template: "courtesy"),
            Step(name: "first", offsetDays: 1, action: .email, template: "first-reminder"),
            Step(name: "second", offsetDays: 8, action: .email, template: "second-reminder"),
            Step(name: "call", offsetDays: 15, action: .call),
            Step(name: "notice", offsetDays: 30, action: .formalNotice, template: "formal-notice"),
            Step(name: "legal", offsetDays: 45, action: .legal),
        ])

    static func client(_ id: String, schedule: String = "standard", tz: String? = nil) -> Client {
        Client(id: id, name: "Client \(id)", emails: [EmailAddress("\(id.lowercased())@example.fr")!],
            timeZoneIdentifier: tz, scheduleName: schedule)
    }

    static func invoice(_ number: String, client: String = "C1", due: String, amount: String = "1200.00",
        paid: String = "0") -> Invoice
    {
        Invoice(number: number, clientID: client, issued: date(due).adding(days: -30), due: date(due),
            amount: money(amount), paid: money(paid))
    }

    static func planner(clients: [Client] = [client("C1")], schedules: [Schedule] = [standard],
        policy: SendingPolicy = SendingPolicy()) -> ReminderPlanner
    {
        ReminderPlanner(clients: clients, schedules: Dictionary(uniqueKeysWithValues: schedules.map { ($0.name, $0) }),
            policy: policy)
    }

    static let empty = PlannerState(reached: [:], clients: [:])
}

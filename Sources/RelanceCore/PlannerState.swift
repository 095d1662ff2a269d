import Foundation

/// The planner's view of the past.
public struct PlannerState: Sendable {
    /// Invoice number → highest step reached.
    public var reached: [String: ReachedStep]
    /// Client id → message facts.
    public var clients: [ClientID: ClientContact]

    /// Holds still standing (promise, plan, dispute, pause): their invoices neither advance nor are listed.
    public var holds: [Hold]
    /// Invoices whose manual step has an open gating task: they wait for it to be done or skipped.
    public var openGates: Set<String>
    /// Steps an operator approved, as `invoice|step`.
    public var approved: Set<String>
    /// Invoices whose hold ended unpaid: they resume at the next step, not at the step their dates reach.
    public var resumeAtNext: Set<String>
    /// The day each invoice's registered formal notice was received, when recorded: its time to pay runs
    /// from then, and what follows the notice waits for it.
    public var noticeReceived: [String: LocalDate] = [:]

    public init(
        reached: [String: ReachedStep], clients: [ClientID: ClientContact], holds: [Hold] = [],
        openGates: Set<String> = [], approved: Set<String> = [], resumeAtNext: Set<String> = []
    ) {
        self.reached = reached
        self.clients = clients
        self.holds = holds
        self.openGates = openGates
        self.approved = approved
        self.resumeAtNext = resumeAtNext
    }

    /// The key of an approval.
    public static func approvalKey(invoice: String, step: String) -> String { invoice + "|" + step }
}

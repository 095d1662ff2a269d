import Foundation

/// A task for a person (call, letter, formal notice, legal hand-over).
public struct NewTask: Sendable, Hashable {
    public var clientID: ClientID
    public var invoice: String
    public var stepName: String
    public var action: StepAction
    public var summary: String
    /// Whether the task holds the invoice's ladder until it is done or skipped.
    public var gate: Bool
    /// What was still due on the invoice when the task opened (for a step's task): payments that arrive
    /// before it is done are then shown beside it.
    public var stillDue: Money?

    public init(
        clientID: ClientID, invoice: String, stepName: String, action: StepAction, summary: String, gate: Bool = true,
        stillDue: Money? = nil
    ) {
        self.clientID = clientID
        self.invoice = invoice
        self.stepName = stepName
        self.action = action
        self.summary = summary
        self.gate = gate
        self.stillDue = stillDue
    }
}

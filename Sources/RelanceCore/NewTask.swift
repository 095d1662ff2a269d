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

    public init(clientID: ClientID, invoice: String, stepName: String, action: StepAction, summary: String, gate: Bool = true) {
        self.clientID = clientID
        self.invoice = invoice
        self.stepName = stepName
        self.action = action
        self.summary = summary
        self.gate = gate
    }
}

import Foundation

/// A task for a person (call, letter, formal notice, legal hand-over).
public struct NewTask: Sendable, Hashable {
    public var clientID: ClientID
    public var invoice: String
    public var stepName: String
    public var action: StepAction
    public var summary: String

    public init(clientID: ClientID, invoice: String, stepName: String, action: StepAction, summary: String) {
        self.clientID = clientID
        self.invoice = invoice
        self.stepName = stepName
        self.action = action
        self.summary = summary
    }
}

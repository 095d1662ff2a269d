import Foundation

/// One invoice moving up its ladder.
public struct StepAdvance: Sendable, Hashable {
    public var invoice: String
    public var clientID: ClientID
    public var stepName: String
    public var offsetDays: Int
    public var action: StepAction
    /// Steps passed over (after downtime), recorded as skipped, never sent late.
    public var skipped: [String]

    public init(invoice: String, clientID: ClientID, stepName: String, offsetDays: Int, action: StepAction, skipped: [String]) {
        self.invoice = invoice
        self.clientID = clientID
        self.stepName = stepName
        self.offsetDays = offsetDays
        self.action = action
        self.skipped = skipped
    }
}

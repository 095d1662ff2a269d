import Foundation

/// The highest schedule step an invoice has reached (sent, tasked or skipped).
public struct ReachedStep: Sendable, Hashable {
    public var stepName: String
    /// The step's offset when it was reached, so a renamed step still places the invoice on the ladder.
    public var offsetDays: Int
    public var at: Date

    public init(stepName: String, offsetDays: Int, at: Date) {
        self.stepName = stepName
        self.offsetDays = offsetDays
        self.at = at
    }
}

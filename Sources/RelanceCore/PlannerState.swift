import Foundation

/// The planner's view of the past.
public struct PlannerState: Sendable {
    /// Invoice number → highest step reached.
    public var reached: [String: ReachedStep]
    /// Client id → message facts.
    public var clients: [ClientID: ClientContact]

    public init(reached: [String: ReachedStep], clients: [ClientID: ClientContact]) {
        self.reached = reached
        self.clients = clients
    }
}

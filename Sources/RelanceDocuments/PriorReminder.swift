import RelanceCore

/// An earlier reminder, listed in the formal notice's history: when it was sent and which step it was.
public struct PriorReminder: Sendable, Hashable {
    /// The day it was sent.
    public var date: LocalDate
    /// The step as the reader should see it (`premier rappel`, `second reminder`, or the step name).
    public var step: String

    /// Creates a history entry.
    public init(date: LocalDate, step: String) {
        self.date = date
        self.step = step
    }
}

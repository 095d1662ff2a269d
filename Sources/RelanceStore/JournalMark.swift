/// A point in the journal: the id of its last entry when a cycle read what it plans from.
///
/// A message planned at a mark is refused when it is committed (`StoreError.changedSincePlanning`) if a
/// person told relance something after the mark that stops or changes it: a hold (a pause, a promise, a
/// payment plan, a dispute), a payment recorded by hand, or a write-off, on the message's client or on one
/// of its invoices. A cycle lasts from a fraction of a second to many minutes (a large batch, a slow
/// relay); without the mark, what an operator records during it would only count from the next cycle.
public struct JournalMark: Sendable, Hashable, Comparable {
    /// The id of the last journal entry at the mark (0 for an empty journal).
    public var lastEntry: Int64

    public init(lastEntry: Int64) {
        self.lastEntry = lastEntry
    }

    public static func < (lhs: JournalMark, rhs: JournalMark) -> Bool { lhs.lastEntry < rhs.lastEntry }
}

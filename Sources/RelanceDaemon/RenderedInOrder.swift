/// Puts render groups back in the plan's order: render tasks run in parallel and may finish out of
/// order, but messages are committed and handed to the connections in the order they were planned.
struct RenderedInOrder<Element> {
    /// The order number the next issued group gets.
    private var issued = 0
    /// The order number of the next group to release.
    private var released = 0
    /// Groups finished before an earlier one, by order number.
    private var early: [Int: [Element]] = [:]
    /// Elements released in order, not yet taken.
    private(set) var ready: [Element] = []

    /// The order number of a new group about to be rendered.
    mutating func issue() -> Int {
        defer { issued += 1 }
        return issued
    }

    /// A group finished: it is released with every group after it that already finished, once every
    /// group before it has.
    mutating func finished(_ order: Int, _ elements: [Element]) {
        early[order] = elements
        while let group = early.removeValue(forKey: released) {
            ready += group
            released += 1
        }
    }

    /// Takes up to `count` released elements, oldest first.
    mutating func take(_ count: Int) -> [Element] {
        let taken = Array(ready.prefix(count))
        ready.removeFirst(taken.count)
        return taken
    }
}

import Testing
@testable import RelanceDaemon

/// Render groups finish in any order; messages are committed in the plan's order.
@Suite struct RenderedInOrderTests {
    @Test func aGroupThatFinishesEarlyWaitsForTheGroupsBeforeIt() {
        var order = RenderedInOrder<String>()
        let first = order.issue(), second = order.issue(), third = order.issue()
        order.finished(third, ["e"])
        order.finished(second, ["c", "d"])
        #expect(order.ready.isEmpty)
        order.finished(first, ["a", "b"])
        #expect(order.ready == ["a", "b", "c", "d", "e"])
    }

    @Test func takingGivesTheOldestFirstAndAnEmptyGroupDoesNotStall() {
        var order = RenderedInOrder<Int>()
        let first = order.issue(), second = order.issue(), third = order.issue()
        order.finished(first, [1, 2, 3])
        order.finished(second, [])  // every message of the group was set aside (render failed)
        order.finished(third, [4])
        #expect(order.take(2) == [1, 2])
        #expect(order.take(5) == [3, 4])
        #expect(order.take(1).isEmpty)
    }
}

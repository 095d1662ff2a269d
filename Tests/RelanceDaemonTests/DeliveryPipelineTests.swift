import RelanceCore
import RelanceMail
import Testing
@testable import RelanceDaemon

/// The delivery bookkeeping: connection failures before DATA go to another connection, with backoff,
/// a bounded number of times; anything that may have been delivered is recorded, never retried.
@Suite struct DeliveryPipelineTests {
    typealias Pipeline = DeliveryPipeline<Int>
    static let refused = SMTPAnswer(outcome: .transient(code: nil, reply: "could not connect"), connectionFailed: true)
    static let sent = SMTPAnswer(outcome: .accepted(code: 250, reply: "250 ok"), connectionFailed: false)
    static let lost = SMTPAnswer(outcome: .unknown(reason: "connection lost after the final dot"), connectionFailed: false)
    static let busy = SMTPAnswer(outcome: .transient(code: 451, reply: "451 try later"), connectionFailed: false)

    /// The next start, which must exist.
    static func start(_ pipeline: inout Pipeline) throws -> (connection: Int, queued: Pipeline.Queued, backoff: Duration) {
        let start = pipeline.nextStart()
        return try #require(start)
    }

    @Test func aMessageWhoseConnectionFailedGoesToAnotherConnectionAfterwardsBackingOff() throws {
        var pipeline = Pipeline(connections: 2)
        pipeline.enqueue([1, 2])
        let a = try Self.start(&pipeline)
        let b = try Self.start(&pipeline)
        #expect(pipeline.answered(b.queued, on: b.connection, Self.sent) == .record)
        #expect(pipeline.answered(a.queued, on: a.connection, Self.refused) == .retry)
        // The message comes back first, on the healthy connection, at once.
        let again = try Self.start(&pipeline)
        #expect(again.queued.message == a.queued.message)
        #expect(again.queued.reconnects == 1)
        #expect(again.connection == b.connection)
        #expect(again.backoff == .zero)
        // The failed connection is re-opened after a backoff.
        pipeline.enqueue([3])
        let reopened = try Self.start(&pipeline)
        #expect(reopened.connection == a.connection)
        #expect(reopened.backoff == .milliseconds(50))
    }

    @Test func aMessageIsGivenBackAtMostThreeTimesWithAGrowingBackoff() throws {
        var pipeline = Pipeline(connections: 2)
        pipeline.enqueue([1, 2])
        // Connection 0 stays healthy, busy with message 1; message 2 keeps failing on connection 1.
        _ = try Self.start(&pipeline)
        var dispositions: [Pipeline.Disposition] = []
        var backoffs: [Duration] = []
        for _ in 0..<4 {
            let start = try Self.start(&pipeline)
            #expect(start.queued.message == 2)
            backoffs.append(start.backoff)
            dispositions.append(pipeline.answered(start.queued, on: start.connection, Self.refused))
        }
        #expect(dispositions == [.retry, .retry, .retry, .record])
        #expect(backoffs == [.zero, .milliseconds(50), .milliseconds(100), .milliseconds(200)])
    }

    @Test func whenEveryConnectionFailsNothingIsRetriedNorDelayed() throws {
        var pipeline = Pipeline(connections: 2)
        pipeline.enqueue([1, 2, 3])
        let a = try Self.start(&pipeline)
        let b = try Self.start(&pipeline)
        #expect(pipeline.answered(a.queued, on: a.connection, Self.refused) == .retry)  // b still healthy
        #expect(pipeline.answered(b.queued, on: b.connection, Self.refused) == .record)  // none healthy now
        let next = try Self.start(&pipeline)
        #expect(next.backoff == .zero)
        #expect(pipeline.answered(next.queued, on: next.connection, Self.refused) == .record)
    }

    @Test(arguments: [lost, busy, sent])
    func anAnswerThatIsNotAConnectionFailureIsRecordedNeverRetried(answer: SMTPAnswer) throws {
        var pipeline = Pipeline(connections: 2)
        pipeline.enqueue([1])
        let start = try Self.start(&pipeline)
        #expect(pipeline.answered(start.queued, on: start.connection, answer) == .record)
        #expect(pipeline.waiting == 0)
    }

    @Test func theLeadWidensOnlyWhileConnectionsStarveAndNarrowsOnTrouble() throws {
        var pipeline = Pipeline(connections: 4)
        #expect(pipeline.room == 4)
        pipeline.starved()
        #expect(pipeline.lead == 8)
        pipeline.starved()
        #expect(pipeline.lead == 16)
        for _ in 0..<10 { pipeline.starved() }
        #expect(pipeline.lead == 16, "at most maxLeadPerConnection (4) per connection")
        pipeline.enqueue([1])
        let start = try Self.start(&pipeline)
        _ = pipeline.answered(start.queued, on: start.connection, Self.busy)
        #expect(pipeline.lead == 4)
    }
}

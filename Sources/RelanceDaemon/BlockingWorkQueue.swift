import Dispatch

/// A dispatch queue for work that blocks its thread (a transaction waiting for its fsync) or keeps a
/// core busy for milliseconds (rendering a group of messages), so that it never holds one of the few
/// threads of Swift's cooperative pool: on two cores, two fsyncs in flight would otherwise stop every
/// task of the cycle, the one that hands messages to the SMTP connections included.
struct BlockingWorkQueue: Sendable {
    private let queue: DispatchQueue

    /// A serial queue (one piece of work at a time, in call order), or a concurrent one.
    init(label: String, concurrent: Bool = false) {
        queue = DispatchQueue(label: label, qos: .userInitiated, attributes: concurrent ? .concurrent : [])
    }

    /// Runs `work` on the queue and returns its result (or its error) to the calling task.
    ///
    /// Cancelling the calling task does not interrupt the work: a transaction begun is finished, so
    /// that what it committed is known.
    func run<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Swift.Result { try work() }) }
        }
    }
}

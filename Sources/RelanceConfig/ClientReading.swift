import Dispatch

/// Reads the items of `clients:` on a second thread while the rest of the config text is still being
/// composed: on a reload of 10,000 clients, reading the clients is about a third of the time and the
/// daemon has a core to spare.
///
/// The composer hands each item over as soon as it is complete (`add`, on the composing thread only);
/// they are read in batches, in order, by `ConfigParser.readClient` with a log of their own. `finish`
/// waits for the last batch.
final class ClientReading: @unchecked Sendable {
    /// Items per hand-over: few enough that reading keeps pace, many enough that dispatching is cheap.
    static let batchSize = 64

    private let queue = DispatchQueue(label: "relance.config.clients")
    /// Touched only on `queue` until `finish` returns.
    private let parser: ConfigParser
    private var read: [ReadClient?] = []
    private var inOrder = true
    /// Touched only by the composing thread.
    private var pending: [(index: Int, item: ConfigNode)] = []

    init(file: String, baseDirectory: String) {
        parser = ConfigParser(log: DiagnosticLog(file: file), baseDirectory: baseDirectory)
    }

    /// One item of `clients:`, with its index in the list.
    func add(_ index: Int, _ item: ConfigNode) {
        pending.append((index, item))
        if pending.count == Self.batchSize { handOver() }
    }

    /// Every item read, in list order, and the log of what reading them found; nil when the items did
    /// not come as one list in order (a text the composer gave up on: its items are not the tree's).
    func finish() -> (read: [ReadClient?], log: DiagnosticLog)? {
        handOver()
        return queue.sync { inOrder ? (read, parser.log) : nil }
    }

    private func handOver() {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending = []
        queue.async { [self] in
            for (index, item) in batch {
                if index != read.count { inOrder = false }
                read.append(parser.readClient(item, index: index))
            }
        }
    }
}

import Foundation
import Logging
import RelanceConfig
import RelanceCore
import RelanceMail
import RelanceStore

/// Everything a cycle needs, opened from a validated configuration: the store, the templates and the
/// SMTP transport.
public struct RelanceRuntime: Sendable {
    public let configuration: RelanceConfiguration
    public let store: SQLiteStore
    /// This process's right to send from `store` (see `StoreLock`), held as long as the runtime lives.
    public let lock: StoreLock
    public let composer: MessageComposer
    /// One SMTP connection per `smtp.max_connections`, each a reused libcurl handle on its own queue.
    public let transports: [SMTPTransport]

    /// A failure to open what the config names, with the exit code it deserves.
    public struct OpenError: Error, Sendable, CustomStringConvertible {
        /// 1 for invalid input (templates, password file), 2 for a runtime failure (store).
        public var exitCode: Int32
        public var description: String
    }

    /// Takes the store's lock, opens the store (recovering interrupted sends), the templates and the
    /// transport. On a reload the running runtime is passed in, and its store and lock are kept when the
    /// state path did not change.
    public static func open(
        _ configuration: RelanceConfiguration, logger: Logger, now: Date, reusing current: RelanceRuntime? = nil
    ) throws(OpenError) -> RelanceRuntime {
        let library: TemplateLibrary
        do {
            library = try TemplateLibrary(directory: configuration.templatesPath)
        } catch {
            throw OpenError(exitCode: 1, description: "\(error)")
        }
        let password: String?
        do {
            password = try readPassword(configuration.smtp)
        } catch {
            throw OpenError(exitCode: 1, description: error.description)
        }
        let (store, lock): (SQLiteStore, StoreLock)
        if let current, let path = current.store.path, Self.sameFile(path, configuration.statePath) {
            (store, lock) = (current.store, current.lock)
        } else {
            (store, lock) = try openStore(configuration, logger: logger, now: now)
        }
        return RelanceRuntime(
            configuration: configuration, store: store, lock: lock, composer: MessageComposer(library: library),
            transports: (0..<max(1, configuration.smtp.maxConnections)).map { _ in
                SMTPTransport(settings: configuration.smtp, password: password)
            })
    }

    /// Whether two paths name the same file: equal once their symbolic links are resolved (a reload that
    /// reaches the running store by another path keeps it, and its lock).
    static func sameFile(_ one: String, _ other: String) -> Bool {
        one == other
            || URL(fileURLWithPath: one).resolvingSymlinksInPath().path
                == URL(fileURLWithPath: other).resolvingSymlinksInPath().path
    }

    /// Opens the store, then takes its lock before anything is changed: only the lock's holder may take
    /// the messages left in `sending` for interrupted ones.
    private static func openStore(
        _ configuration: RelanceConfiguration, logger: Logger, now: Date
    ) throws(OpenError) -> (SQLiteStore, StoreLock) {
        let store: SQLiteStore
        do {
            store = try SQLiteStore(path: configuration.statePath)
        } catch {
            throw OpenError(exitCode: 2, description: StoreError.explain(error, storePath: configuration.statePath))
        }
        let lock: StoreLock
        do {
            lock = try StoreLock(storePath: configuration.statePath)
        } catch {
            throw OpenError(exitCode: 2, description: error.description)
        }
        do {
            for message in try store.recoverInterruptedSends(at: now) {
                logger.error("message.unknown", metadata: [
                    "client": "\(message.clientID)", "invoices": "\(message.invoices.joined(separator: ","))",
                    "step": "\(message.stepName)", "message_id": "<\(message.messageID)>",
                    "reason": "relance stopped while this message was being sent; it may have been delivered and is not resent",
                ])
            }
        } catch {
            throw OpenError(exitCode: 2, description: StoreError.explain(error, storePath: configuration.statePath))
        }
        return (store, lock)
    }

    /// A cycle over this runtime.
    public func cycle(logger: Logger, clock: DaemonClock) -> ReminderCycle {
        ReminderCycle(
            configuration: configuration, composer: composer, store: store, transports: transports, logger: logger,
            clock: clock)
    }

    /// Closes every SMTP connection.
    public func close() { transports.forEach { $0.close() } }
}

extension SMTPTransport: MessageTransport {}

import CCurl
import Dispatch
import Foundation
import RelanceCore

/// Sends messages to one SMTP server through libcurl, over one connection that is kept and reused
/// from message to message.
///
/// Each transport owns one libcurl easy handle, used by one message at a time; for `n` parallel
/// connections make `n` transports. ``send(from:recipients:message:)`` runs the blocking transfer
/// on the transport's own serial dispatch queue, never on Swift's cooperative thread pool.
///
/// ## Classification
/// | what happened | outcome |
/// |---|---|
/// | transfer OK (2xx to the final dot) | `.accepted(code, reply)`: reply is the server's line, e.g. `250 2.0.0 Ok: queued as …` |
/// | 4xx to the greeting, EHLO, MAIL, RCPT, DATA or the final dot | `.transient(code, reply)` |
/// | 5xx to any of them | `.permanent(code, reply)` |
/// | AUTH refused (CURLE 67) | `.transient(535, "authentication failed (…)…")`: a configuration problem, not the message's |
/// | STARTTLS required but not offered (CURLE 64) | `.transient(nil, "server … does not offer STARTTLS and smtp.starttls is required; nothing was sent")` |
/// | refused (7), unresolved (6), TLS (35, 60, …), timeout or lost connection before the end of the payload | `.transient(nil, reason)` |
/// | timeout (28), lost connection (55, 56) or any other failure after the whole payload was handed to libcurl, without a 4xx/5xx reply | `.unknown(reason)`: the server may have queued it; never resend automatically |
///
/// ## Timeouts
/// `timeout_seconds` bounds the connection (`CURLOPT_CONNECTTIMEOUT`) and each wait for a reply,
/// the one after the final dot included (`CURLOPT_SERVER_RESPONSE_TIMEOUT`); four times it bounds
/// the whole message (`CURLOPT_TIMEOUT`), so that a large attachment on a slow link still fits.
///
/// After any failure the handle and its connection are discarded and a new one is made for the
/// next message, so that a late reply to a timed-out message can never be read as the reply to
/// the next one.
///
/// The password is given to libcurl and to nothing else: it never appears in an outcome, an error
/// or a description (replies are scrubbed of it, in clear and in base64, as a second guard).
public final class SMTPTransport: @unchecked Sendable, CustomStringConvertible {
    // @unchecked Sendable: the only mutable state is `handle`, read and written only while `lock`
    // is held; every transfer holds `lock` for its whole duration, so libcurl's handle is never
    // used by two threads at once. Everything else is immutable.

    /// The settings this transport was made from (the password is not in them).
    public let settings: SMTPSettings
    private let configuration: SMTPEasyHandle.Configuration
    private let redactor: SMTPRedactor
    private let lock = NSLock()
    private var handle: SMTPEasyHandle?
    private let queue: DispatchQueue

    /// Makes a transport; connects lazily, on the first message.
    /// - Parameters:
    ///   - settings: the `smtp:` section of the config.
    ///   - password: the content of `smtp.password_file` (RelanceConfig's `readPassword(_:)`); used only
    ///     when `settings.username` is set.
    ///   - ehloName: the name to announce in `EHLO` (libcurl's default is the local host name).
    public init(settings: SMTPSettings, password: String?, ehloName: String? = nil) {
        self.settings = settings
        let display = Self.displayURL(settings.url)
        configuration = SMTPEasyHandle.Configuration(
            url: Self.curlURL(settings.url, ehloName: ehloName), displayURL: display,
            startTLS: settings.startTLS, username: settings.username,
            password: settings.username == nil ? nil : password, timeoutSeconds: settings.timeoutSeconds)
        redactor = SMTPRedactor(secret: settings.username == nil ? nil : password)
        queue = DispatchQueue(label: "relance.smtp.\(display)", qos: .utility)
    }

    /// Delivers one message and classifies the server's answer (see the table above). Blocks the
    /// calling thread for up to about four times `timeout_seconds`; concurrent calls wait for
    /// each other. Never call it from Swift concurrency: use ``send(from:recipients:message:)``.
    /// - Parameters:
    ///   - from: the envelope sender (`MAIL FROM`).
    ///   - recipients: the envelope recipients (`RCPT TO`); the message goes to those the server takes
    ///     (``SMTPAnswer/refusedRecipients`` names the others), and is refused when it takes none.
    ///   - message: the complete message, headers and body, with CRLF line ends.
    public func deliver(from: EmailAddress, recipients: [EmailAddress], message: [UInt8]) -> DeliveryOutcome {
        answer(from: from, recipients: recipients, message: message).outcome
    }

    /// ``deliver(from:recipients:message:)``, also saying whether the connection failed before the
    /// DATA phase (``SMTPAnswer/connectionFailed``). Blocks the calling thread.
    public func answer(from: EmailAddress, recipients: [EmailAddress], message: [UInt8]) -> SMTPAnswer {
        guard !recipients.isEmpty else {
            return SMTPAnswer(
                outcome: .permanent(code: 554, reply: "no recipients: relance refused to send the message (not a server reply)"),
                connectionFailed: false)
        }
        lock.lock()
        defer { lock.unlock() }
        if handle == nil {
            switch SMTPEasyHandle.make(configuration) {
            case .success(let made): handle = made
            case .failure(let error):
                return SMTPAnswer(outcome: redactor.scrub(SMTPEasyHandle.attempt(error, configuration).outcome), connectionFailed: false)
            }
        }
        let attempt = handle!.perform(from: from, recipients: recipients, message: message)
        if attempt.curlCode != SMTPAttempt.ok {
            // Discard the connection: it may still carry a late reply (reference note 6). The next
            // message opens a new one.
            handle = nil
        }
        return SMTPAnswer(
            outcome: redactor.scrub(attempt.outcome), connectionFailed: attempt.connectionFailed,
            refusedRecipients: attempt.refusedRecipients)
    }

    /// Delivers one message on the transport's own thread and returns its classified outcome.
    ///
    /// Messages sent concurrently on one transport go one after the other, in call order.
    /// Cancelling the calling task does not interrupt a message in flight: its outcome is still
    /// returned, so that it can be recorded.
    public func send(from: EmailAddress, recipients: [EmailAddress], message: [UInt8]) async -> DeliveryOutcome {
        await attempt(from: from, recipients: recipients, message: message).outcome
    }

    /// ``send(from:recipients:message:)``, also saying whether the connection failed before the DATA
    /// phase, in which case the message may be tried again at once on another connection.
    public func attempt(from: EmailAddress, recipients: [EmailAddress], message: [UInt8]) async -> SMTPAnswer {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.answer(from: from, recipients: recipients, message: message))
            }
        }
    }

    /// Closes the cached connection (sending `QUIT` when it is still usable). Waits for a message
    /// in flight to finish. The transport stays usable: the next message opens a new connection.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        handle = nil
    }

    /// `SMTPTransport(smtp://host:587, starttls: required, user: name)`; never the password.
    public var description: String {
        let user = settings.username.map { ", user: \($0)" } ?? ""
        return "SMTPTransport(\(configuration.displayURL), starttls: \(settings.startTLS.rawValue)\(user))"
    }

    /// The URL handed to libcurl: with `ehloName`, the path is replaced by it (libcurl announces
    /// the URL's path in `EHLO`).
    static func curlURL(_ url: String, ehloName: String?) -> String {
        guard let ehloName, !ehloName.isEmpty, let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return url[..<scheme.upperBound] + authority + "/" + ehloName
    }

    /// The URL as shown in messages: without `user:password@`.
    static func displayURL(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound] + rest[rest.index(after: at)...])
    }
}

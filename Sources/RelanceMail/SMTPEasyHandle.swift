import CCurl
import RelanceCore

/// One libcurl easy handle configured for one SMTP server, and the connection it caches.
///
/// Not thread-safe: `SMTPTransport` owns it and uses it under its lock, one transfer at a time.
/// The options that do not change between messages are set once, so that libcurl reuses the
/// connection for the next message (`MAIL FROM` directly, no new `EHLO`).
final class SMTPEasyHandle {
    /// What the handle is configured from.
    struct Configuration: Sendable {
        /// The URL given to libcurl (with the EHLO name as its path when one was asked for).
        var url: String
        /// The URL as shown in messages: no user information.
        var displayURL: String
        var startTLS: StartTLSPolicy
        var username: String?
        var password: String?
        var timeoutSeconds: Int
    }

    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let configuration: Configuration

    /// Makes and configures a handle, or says why libcurl refused.
    static func make(_ configuration: Configuration) -> Result<SMTPEasyHandle, SMTPSetupError> {
        // Loads libcurl on the first handle (CCurl.h): an idle daemon never maps it.
        guard relance_curl_global_init_default() == CURLE_OK else {
            let reason = relance_curl_load_error().map { String(cString: $0) } ?? "curl_global_init failed"
            return .failure(SMTPSetupError(curlCode: Int(CURLE_FAILED_INIT.rawValue), text: reason))
        }
        guard let raw = relance_curl_easy_init() else {
            return .failure(SMTPSetupError(curlCode: 27, text: "curl_easy_init failed"))
        }
        let handle = SMTPEasyHandle(raw, configuration)
        if let error = handle.applyFixedOptions() {
            return .failure(error)
        }
        return .success(handle)
    }

    private init(_ handle: UnsafeMutableRawPointer, _ configuration: Configuration) {
        self.handle = handle
        self.configuration = configuration
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        relance_curl_easy_cleanup(handle)  // closes the cached connection (QUIT when it is still usable)
        errorBuffer.deallocate()
    }

    /// The options shared by every message on this handle.
    private func applyFixedOptions() -> SMTPSetupError? {
        let c = configuration
        let timeout = max(1, c.timeoutSeconds)
        let useSSL: curl_usessl
        switch c.startTLS {
        case .required: useSSL = CURLUSESSL_ALL  // never TRY: TRY may fall back to clear text
        case .optional: useSSL = CURLUSESSL_TRY
        case .never: useSSL = CURLUSESSL_NONE
        }
        var codes: [(String, CURLcode)] = [
            ("CURLOPT_ERRORBUFFER", relance_curl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)),
            ("CURLOPT_URL", relance_curl_easy_setopt_string(handle, CURLOPT_URL, c.url)),
            ("CURLOPT_NOSIGNAL", relance_curl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)),
            ("CURLOPT_CONNECTTIMEOUT", relance_curl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, timeout)),
            // Each wait for a reply, including the one after the final dot.
            ("CURLOPT_SERVER_RESPONSE_TIMEOUT",
             relance_curl_easy_setopt_long(handle, CURLOPT_SERVER_RESPONSE_TIMEOUT, timeout)),
            // The whole message (connect, EHLO, TLS, AUTH, upload, replies): a bound, not a pace.
            ("CURLOPT_TIMEOUT", relance_curl_easy_setopt_long(handle, CURLOPT_TIMEOUT, timeout * 4)),
            ("CURLOPT_USE_SSL", relance_curl_easy_setopt_long(handle, CURLOPT_USE_SSL, Int(useSSL.rawValue))),
            ("CURLOPT_UPLOAD", relance_curl_easy_setopt_long(handle, CURLOPT_UPLOAD, 1)),
            ("CURLOPT_READFUNCTION", relance_curl_easy_setopt_read_function(handle, SMTPExchange.readCallback)),
            ("CURLOPT_HEADERFUNCTION",
             relance_curl_easy_setopt_header_function(handle, SMTPExchange.headerCallback)),
        ]
        if let username = c.username {
            codes.append(("CURLOPT_USERNAME", relance_curl_easy_setopt_string(handle, CURLOPT_USERNAME, username)))
            codes.append(
                ("CURLOPT_PASSWORD", relance_curl_easy_setopt_string(handle, CURLOPT_PASSWORD, c.password ?? "")))
        }
        if let (name, code) = codes.first(where: { $0.1 != CURLE_OK }) {
            return SMTPSetupError(curlCode: Int(code.rawValue), text: "\(name): \(Self.describe(code))")
        }
        // A refused recipient (a cc's dead mailbox) no longer stops the message for the others: they get
        // it, and the refusal is read from the RCPT replies (reference note 8). An older libcurl without
        // the option keeps the old rule: one refused recipient refuses the message.
        _ = relance_curl_easy_setopt_mail_rcpt_allowfails(handle, 1)
        return nil
    }

    /// Sends one message on this handle's connection (opening one if none is cached) and reports
    /// what happened, unclassified.
    func perform(from: EmailAddress, recipients: [EmailAddress], message: [UInt8]) -> SMTPAttempt {
        let exchange = SMTPExchange(payload: message)
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for recipient in recipients {
            guard let next = relance_curl_slist_append(list, "<\(recipient.value)>") else {
                relance_curl_slist_free_all(list)
                return attempt(SMTPSetupError(curlCode: 27, text: "out of memory building the recipient list"))
            }
            list = next
        }
        defer {
            _ = relance_curl_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, nil)
            _ = relance_curl_easy_setopt_pointer(handle, CURLOPT_READDATA, nil)
            _ = relance_curl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, nil)
            relance_curl_slist_free_all(list)
        }
        let context = Unmanaged.passUnretained(exchange).toOpaque()
        let setup: [(String, CURLcode)] = [
            ("CURLOPT_MAIL_FROM", relance_curl_easy_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(from.value)>")),
            ("CURLOPT_MAIL_RCPT", relance_curl_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, list)),
            // The size lets libcurl announce SIZE= when the server supports it (early 552).
            ("CURLOPT_INFILESIZE_LARGE",
             relance_curl_easy_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count))),
            ("CURLOPT_READDATA", relance_curl_easy_setopt_pointer(handle, CURLOPT_READDATA, context)),
            ("CURLOPT_HEADERDATA", relance_curl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context)),
        ]
        if let (name, code) = setup.first(where: { $0.1 != CURLE_OK }) {
            return attempt(SMTPSetupError(curlCode: Int(code.rawValue), text: "\(name): \(Self.describe(code))"))
        }
        errorBuffer[0] = 0
        let result = withExtendedLifetime(exchange) { relance_curl_easy_perform(handle) }
        var response = 0
        _ = relance_curl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &response)
        let bufferText = String(cString: errorBuffer)
        var refused: [RefusedRecipient] = []
        // One recipient and a transfer that succeeded: it was taken (none taken fails the transfer), so the
        // replies are not read for the usual message.
        if result == CURLE_OK, recipients.count > 1, let replies = exchange.recipientReplies(count: recipients.count) {
            for (recipient, reply) in zip(recipients, replies) where reply.code >= 400 {
                refused.append(RefusedRecipient(address: recipient.value, code: reply.code, reply: reply.text))
            }
        }
        return SMTPAttempt(
            curlCode: Int(result.rawValue),
            responseCode: response,
            reply: exchange.reply(matching: response),
            lastLine: exchange.lastLine,
            errorText: bufferText.isEmpty ? Self.describe(result) : bufferText,
            payloadComplete: exchange.payloadComplete,
            payloadStarted: exchange.payloadStarted,
            server: configuration.displayURL,
            timeoutSeconds: configuration.timeoutSeconds,
            refusedRecipients: refused)
    }

    /// An attempt that failed before anything was sent.
    func attempt(_ error: SMTPSetupError) -> SMTPAttempt {
        Self.attempt(error, configuration)
    }

    static func attempt(_ error: SMTPSetupError, _ configuration: Configuration) -> SMTPAttempt {
        SMTPAttempt(
            curlCode: error.curlCode, responseCode: 0, reply: nil, lastLine: nil, errorText: error.text,
            payloadComplete: false, server: configuration.displayURL, timeoutSeconds: configuration.timeoutSeconds)
    }

    static func describe(_ code: CURLcode) -> String {
        String(cString: relance_curl_easy_strerror(code))
    }
}

/// libcurl refused to set up a handle or an option: nothing was sent.
struct SMTPSetupError: Error, Sendable {
    var curlCode: Int
    var text: String
}

import RelanceCore

/// What one `curl_easy_perform` of one message produced, before classification.
///
/// Kept separate from libcurl so the classification table can be tested without a network.
struct SMTPAttempt: Sendable, Equatable {
    /// The `CURLcode` of the transfer (0 = `CURLE_OK`).
    var curlCode: Int
    /// `CURLINFO_RESPONSE_CODE`: the last SMTP code libcurl saw; 0 when none.
    var responseCode: Int
    /// The server's reply whose code is `responseCode` (see `SMTPExchange.reply(matching:)`).
    var reply: String?
    /// The last line the server sent, whatever its code.
    var lastLine: String?
    /// libcurl's error text (`CURLOPT_ERRORBUFFER`, else `curl_easy_strerror`).
    var errorText: String
    /// The payload was fully handed to libcurl: the final `.` was or was about to be sent.
    var payloadComplete: Bool
    /// libcurl began the payload (the server answered `354` to `DATA`): from here on, a failure is never
    /// a connection failure that allows the message to be tried again.
    var payloadStarted: Bool = false
    /// The server, for messages: the URL without any user information.
    var server: String
    /// `smtp.timeout_seconds`, for messages.
    var timeoutSeconds: Int
    /// Recipients refused at `RCPT TO` while the others took the message (a transfer that succeeded).
    var refusedRecipients: [RefusedRecipient] = []

    // The CURLcodes the table distinguishes (libcurl 7.88.1 numbering, stable across versions).
    static let ok = 0, unsupportedProtocol = 1, urlMalformat = 3, couldNotResolveProxy = 5
    static let couldNotResolveHost = 6, couldNotConnect = 7, weirdServerReply = 8
    static let operationTimedOut = 28, gotNothing = 52, sendError = 55, recvError = 56
    static let useSSLFailed = 64, loginDenied = 67
    static let tlsErrors: Set<Int> = [35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91, 98]

    /// Classifies the attempt. See `SMTPTransport` for the table and the reasons behind it.
    var outcome: DeliveryOutcome {
        let code = responseCode
        let serverReply = reply ?? (code > 0 ? "\(code)" : "")
        if curlCode == Self.ok {
            return .accepted(code: (200..<300).contains(code) ? code : 250, reply: reply ?? "\(code) (no reply text)")
        }
        if payloadComplete {
            // The server answered the final dot with a rejection: nothing was delivered.
            if (400..<500).contains(code) { return .transient(code: code, reply: serverReply) }
            if (500..<600).contains(code) { return .permanent(code: code, reply: serverReply) }
            // Timeout, dropped connection or anything else after the payload: the server may have
            // queued the message. Never resent automatically (reference note 6).
            let why: String
            switch curlCode {
            case Self.operationTimedOut: why = "no reply within \(timeoutSeconds) s"
            case Self.recvError, Self.sendError, Self.gotNothing: why = "connection lost (\(errorText))"
            default: why = "curl error \(curlCode): \(errorText)"
            }
            return .unknown(
                reason: "\(why) while waiting for the reply to the end of the message from \(server); "
                    + "the server may have accepted it")
        }
        if curlCode == Self.loginDenied {
            // A configuration problem, not the message's fault: transient, so that the message is
            // sent once the operator fixes the credentials, never failed for good.
            let detail = code > 0 ? " (\(serverReply))" : ""
            return .transient(
                code: code > 0 ? code : nil,
                reply: "authentication failed\(detail) at \(server): check smtp.username and "
                    + "smtp.password_file; nothing was sent")
        }
        if (400..<500).contains(code) { return .transient(code: code, reply: serverReply) }
        if (500..<600).contains(code) { return .permanent(code: code, reply: serverReply) }
        return .transient(code: nil, reply: networkReason)
    }

    /// Text for a failure that carries no 4xx/5xx reply and happened before the final dot.
    private var networkReason: String {
        let nothing = "; nothing was sent"
        switch curlCode {
        case Self.useSSLFailed:
            return "server \(server) does not offer STARTTLS and smtp.starttls is required" + nothing
        case Self.couldNotConnect:
            return "could not connect to \(server): \(errorText)" + nothing
        case Self.couldNotResolveHost, Self.couldNotResolveProxy:
            return "could not resolve the host of \(server): \(errorText)" + nothing
        case Self.operationTimedOut:
            return "timed out after \(timeoutSeconds) s talking to \(server) before the end of the message ("
                + errorText + ")" + nothing
        case Self.unsupportedProtocol, Self.urlMalformat:
            return "invalid smtp.url \(server): \(errorText)" + nothing
        case let tls where Self.tlsErrors.contains(tls):
            return "TLS failure with \(server): \(errorText) (curl error \(curlCode))" + nothing
        case Self.sendError, Self.recvError, Self.gotNothing:
            let said = lastLine.map { " after \"\($0)\"" } ?? ""
            return "connection to \(server) lost before the end of the message\(said): \(errorText)" + nothing
        default:
            let said = lastLine.map { " (last reply: \"\($0)\")" } ?? ""
            return "curl error \(curlCode) with \(server): \(errorText)\(said)" + nothing
        }
    }
}

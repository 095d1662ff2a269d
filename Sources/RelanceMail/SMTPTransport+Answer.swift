import RelanceCore

extension SMTPAttempt {
    /// The CURLcodes of a connection that failed: refused, timed out, closed or reset.
    static let connectionFailures: Set<Int> = [couldNotConnect, operationTimedOut, gotNothing, sendError, recvError]

    /// The connection failed before the DATA phase, so nothing can have been delivered: refused or
    /// lost (no reply yet, or after a 2xx to the greeting, EHLO, MAIL or RCPT), or a `421` (the server
    /// closing the channel) to any command before the payload. A 4xx or 5xx about the message, a `354`
    /// (DATA began) or anything once the payload was started is not a connection failure.
    var connectionFailed: Bool {
        guard curlCode != Self.ok, !payloadStarted, !payloadComplete else { return false }
        if responseCode == 421 { return true }
        guard Self.connectionFailures.contains(curlCode) else { return false }
        return responseCode == 0 || (200..<300).contains(responseCode)
    }
}

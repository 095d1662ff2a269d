import CCurl

/// The per-message state libcurl's callbacks work on: the bytes to upload and the server's reply
/// lines. One is made for each message, handed to libcurl as an opaque pointer
/// (`Unmanaged.passUnretained`) for exactly the duration of one `curl_easy_perform`, and read
/// afterwards on the same thread. It is never shared between threads, hence not `Sendable`.
final class SMTPExchange {
    private let payload: [UInt8]
    private var offset = 0
    /// The read callback was called at least once: libcurl got a `354` to `DATA` and began the payload.
    private(set) var payloadStarted = false
    /// The read callback handed out the last byte (or returned 0 for the end): from here on libcurl
    /// sends, or has sent, the final `.`; a failure now leaves the message's fate unknown.
    private(set) var payloadComplete = false
    /// Every line the server sent during this transfer, without the trailing CRLF, in order.
    private(set) var replyLines: [String] = []

    init(payload: [UInt8]) {
        self.payload = payload
    }

    /// The reply to quote for `code`: the last reply whose lines start with `code`, multi-line
    /// replies (`250-…`, `250 …`) joined with `\n`. `nil` when the server sent no line with that code.
    func reply(matching code: Int) -> String? {
        guard code > 0 else { return nil }
        let final = "\(code) ", continued = "\(code)-"
        guard let last = replyLines.lastIndex(where: { $0.hasPrefix(final) || $0 == "\(code)" }) else {
            return nil
        }
        var first = last
        while first > replyLines.startIndex, replyLines[first - 1].hasPrefix(continued) {
            first -= 1
        }
        return replyLines[first...last].joined(separator: "\n")
    }

    /// The replies to the `RCPT TO` commands of this transfer, one per recipient in the order they were
    /// given: the `count` complete replies just before the `354` that opened DATA (libcurl sends every
    /// RCPT and waits for each reply, then DATA). Nil when there was no `354` or too few replies before it.
    func recipientReplies(count: Int) -> [(code: Int, text: String)]? {
        var replies: [(code: Int, text: String)] = []
        var pending: [String] = []
        for line in replyLines {
            pending.append(line)
            let bytes = Array(line.utf8.prefix(4))
            guard bytes.count >= 3, bytes[0...2].allSatisfy({ (0x30...0x39).contains($0) }) else { continue }
            if bytes.count == 4 && bytes[3] == UInt8(ascii: "-") { continue }  // a multi-line reply goes on
            replies.append((Int(String(decoding: bytes[0...2], as: UTF8.self))!, pending.joined(separator: "\n")))
            pending.removeAll()
        }
        guard let data = replies.lastIndex(where: { $0.code == 354 }), data >= count else { return nil }
        return Array(replies[(data - count)..<data])
    }

    /// Replaces the collected lines (tests of `reply(matching:)`).
    func replyLinesForTesting(_ lines: [String]) {
        replyLines = lines
    }

    /// The last line the server sent, if any (context for network errors).
    var lastLine: String? { replyLines.last }

    fileprivate func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        payloadStarted = true
        let count = min(capacity, payload.count - offset)
        if count > 0 {
            payload.withUnsafeBytes { bytes in
                UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
            }
            offset += count
        }
        if offset == payload.count { payloadComplete = true }
        return count
    }

    fileprivate func collect(line buffer: UnsafePointer<CChar>, count: Int) {
        let bytes = UnsafeRawBufferPointer(start: buffer, count: count)
        var text = String(decoding: bytes, as: UTF8.self)
        while let last = text.last, last == "\n" || last == "\r" || last == "\r\n" { text.removeLast() }
        replyLines.append(text)
    }

    /// The `CURLOPT_READFUNCTION` callback: copies the next bytes of the payload; 0 means the end.
    static let readCallback: relance_curl_data_callback = { buffer, size, count, userdata in
        guard let buffer, let userdata else { return 0 }
        let exchange = Unmanaged<SMTPExchange>.fromOpaque(userdata).takeUnretainedValue()
        return exchange.read(into: buffer, capacity: size * count)
    }

    /// The `CURLOPT_HEADERFUNCTION` callback: for SMTP, each server reply line arrives here.
    static let headerCallback: relance_curl_data_callback = { buffer, size, count, userdata in
        let total = size * count
        guard let buffer, let userdata else { return total }
        let exchange = Unmanaged<SMTPExchange>.fromOpaque(userdata).takeUnretainedValue()
        exchange.collect(line: buffer, count: total)
        return total
    }
}

import Foundation
import RelanceMail

/// A received message taken apart for assertions: unfolded, decoded headers and the decoded
/// `text/plain` body.
public struct ReceivedMail: Sendable {
    /// Header name (as written) and decoded value, in order.
    public var headers: [(name: String, value: String)]
    public var text: String

    public init(bytes: [UInt8]) {
        let raw = String(decoding: bytes, as: UTF8.self)
        let split = raw.range(of: "\r\n\r\n") ?? raw.range(of: "\n\n")
        let head = split.map { String(raw[..<$0.lowerBound]) } ?? raw
        var headers: [(String, String)] = []
        for line in head.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].1 += String(line)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        self.headers = headers.map { ($0.0, HeaderEncoder.decode($0.1)) }
        // The first quoted-printable text/plain part.
        var text = ""
        if let range = raw.range(of: "Content-Type: text/plain") {
            let rest = raw[range.upperBound...]
            if let body = rest.range(of: "\r\n\r\n") {
                var part = String(rest[body.upperBound...])
                if let end = part.range(of: "\r\n--") { part = String(part[..<end.lowerBound]) }
                text = String(decoding: QuotedPrintable.decode(part), as: UTF8.self)
            }
        }
        self.text = text
    }

    /// The decoded value of the first header with this name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every header name, in order.
    public var headerNames: [String] { headers.map(\.name) }
}

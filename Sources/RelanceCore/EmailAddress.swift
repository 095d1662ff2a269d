/// A validated email address (`local@domain`), safe to put in a header or an SMTP command.
///
/// Validation is deliberately strict: ASCII or UTF-8 local part without spaces, quotes, angle
/// brackets, control characters or commas; a domain of dot-separated labels with a dot in it.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: 0x40), at > 0, at < bytes.count - 1,
            at <= 64
        else { return nil }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard local.allSatisfy({ $0 > 0x20 && !Self.isForbiddenInLocalPart($0) }),
            local.first != 0x2E, local.last != 0x2E,
            !zip(local, local.dropFirst()).contains(where: { $0 == 0x2E && $1 == 0x2E })
        else { return nil }
        let labels = domain.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard labels.count >= 2,
            labels.allSatisfy({ label in
                !label.isEmpty && label.count <= 63 && label.first != 0x2D && label.last != 0x2D
                    && label.allSatisfy { c in
                        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                            || c == 0x2D || c >= 0x80
                    }
            })
        else { return nil }
        value = text
    }

    public var description: String { value }

    /// Space, `"`, `(`, `)`, `,`, `:`, `;`, `<`, `>`, `@`, `[`, `\`, `]` and DEL.
    private static func isForbiddenInLocalPart(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x22, 0x28, 0x29, 0x2C, 0x3A, 0x3B, 0x3C, 0x3E, 0x40, 0x5B, 0x5C, 0x5D, 0x7F: return true
        default: return false
        }
    }
    /// The part after the `@`.
    public var domain: Substring { value[value.index(after: value.lastIndex(of: "@")!)...] }
}

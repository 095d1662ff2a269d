/// Quoted-printable (RFC 2045 section 6.7) for UTF-8 text bodies.
///
/// - Line breaks of the text (CRLF, LF or a lone CR) become hard CRLF breaks.
/// - Lines are at most 76 characters; longer ones get soft breaks (`=` CRLF), placed between
///   characters so an escape (`=C3`) and the bytes of one UTF-8 character stay on one line.
/// - `=`, non-ASCII bytes and control characters are escaped; a space or tab ending a line is
///   escaped (`=20`, `=09`); a `.` starting a line is escaped (`=2E`) so no line is ever a lone
///   dot, whatever the transport does about dot-stuffing.
/// - The output never contains `=_`, which the MIME boundaries rely on.
public enum QuotedPrintable {
    /// The longest encoded line, excluding CRLF.
    public static let maxLineLength = 76

    /// Encodes text as quoted-printable lines joined by CRLF.
    public static func encode(_ text: String) -> String {
        let normalized = text.replacingLineBreaks(with: "\n")
        var output: [String] = []
        for hardLine in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let scalars = Array(hardLine.unicodeScalars)
            var line = ""
            var length = 0
            for (index, scalar) in scalars.enumerated() {
                let isLast = index == scalars.count - 1
                var token = encode(scalar, atLineStart: length == 0, atLineEnd: isLast)
                let limit = isLast ? maxLineLength : maxLineLength - 1
                if length + token.utf8.count > limit {
                    output.append(line + "=")
                    line = ""
                    length = 0
                    token = encode(scalar, atLineStart: true, atLineEnd: isLast)
                }
                line += token
                length += token.utf8.count
            }
            output.append(line)
        }
        return output.joined(separator: "\r\n")
    }

    /// Decodes quoted-printable text to bytes: soft breaks removed, escapes decoded, hard line
    /// breaks kept as CRLF. Malformed escapes are kept literally.
    public static func decode(_ encoded: String) -> [UInt8] {
        let bytes = Array(encoded.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x3D else {
                output.append(byte)
                index += 1
                continue
            }
            if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A {
                index += 3  // soft break
            } else if index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                index += 2
            } else if index + 2 < bytes.count, let value = HeaderEncoder.hexValue(bytes[index + 1], bytes[index + 2]) {
                output.append(value)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    private static func encode(_ scalar: Unicode.Scalar, atLineStart: Bool, atLineEnd: Bool) -> String {
        switch scalar.value {
        case 0x20, 0x09:
            return atLineEnd ? escape(UInt8(scalar.value)) : String(scalar)
        case 0x2E:
            return atLineStart ? "=2E" : "."
        case 0x3D:
            return "=3D"
        case 0x21...0x7E:
            return String(scalar)
        default:
            return String(scalar).utf8.map(escape).joined()
        }
    }

    private static func escape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}

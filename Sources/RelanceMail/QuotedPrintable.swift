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
    ///
    /// Works on the UTF-8 bytes in one output buffer (a message body is encoded once per message):
    /// a scalar's token is its byte when printable, `=XX` per byte otherwise, as described above.
    public static func encode(_ text: String) -> String {
        var normalized = text.replacingLineBreaks(with: "\n")
        return normalized.withUTF8 { encode(utf8: $0) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    private static func encode(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        let count = bytes.count
        var out: [UInt8] = []
        out.reserveCapacity(count + count / 8 + 16)
        var lineStart = 0
        while true {
            var end = lineStart
            while end < count && bytes[end] != 0x0A { end += 1 }
            if lineStart > 0 {
                out.append(0x0D)
                out.append(0x0A)
            }
            var length = 0  // of the encoded line so far
            var index = lineStart
            while index < end {
                let byte = bytes[index]
                let width = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4  // the scalar's bytes
                let isLast = index + width >= end
                let limit = isLast ? maxLineLength : maxLineLength - 1
                var tokenLength: Int
                switch byte {
                case 0x20, 0x09: tokenLength = isLast ? 3 : 1
                case 0x2E: tokenLength = length == 0 ? 3 : 1
                case 0x3D: tokenLength = 3
                case 0x21...0x7E: tokenLength = 1
                default: tokenLength = 3 * width
                }
                if length + tokenLength > limit {
                    out.append(0x3D)  // soft break
                    out.append(0x0D)
                    out.append(0x0A)
                    length = 0
                    if byte == 0x2E { tokenLength = 3 }  // now at the start of a line
                }
                if tokenLength == 1 {
                    out.append(byte)
                } else if byte == 0x2E {
                    out.append(0x3D)
                    out.append(0x32)
                    out.append(0x45)
                } else {
                    for offset in 0..<width {
                        let value = bytes[index + offset]
                        out.append(0x3D)
                        out.append(hexDigits[Int(value >> 4)])
                        out.append(hexDigits[Int(value & 0x0F)])
                    }
                }
                length += tokenLength
                index += width
            }
            if end >= count { break }
            lineStart = end + 1
        }
        return String(decoding: out, as: UTF8.self)
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
}

import Foundation

extension HeaderEncoder {
    /// Reads back a header value as a person sees it: unfolds it and decodes RFC 2047
    /// encoded-words (`B` and `Q`, UTF-8 or US-ASCII; other charsets are read as UTF-8). Whitespace
    /// between two adjacent encoded-words is dropped, as RFC 2047 section 6.2 requires.
    /// Used for logs and tests; malformed encoded-words are left as they are.
    public static func decode(_ value: String) -> String {
        let bytes = Array(value.utf8).filter { $0 != 0x0D && $0 != 0x0A }
        var output: [UInt8] = []
        var index = 0
        var afterWord = false
        var whitespaceStart: Int?
        while index < bytes.count {
            if let (decoded, next) = parseEncodedWord(bytes, at: index) {
                if afterWord, let start = whitespaceStart { output.removeSubrange(start...) }
                output += decoded
                index = next
                afterWord = true
                whitespaceStart = nil
                continue
            }
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 {
                if whitespaceStart == nil { whitespaceStart = output.count }
            } else {
                afterWord = false
                whitespaceStart = nil
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `=?charset?enc?text?=` starting at `start`: the decoded bytes and the index after it.
    private static func parseEncodedWord(_ bytes: [UInt8], at start: Int) -> ([UInt8], Int)? {
        guard start + 1 < bytes.count, bytes[start] == 0x3D, bytes[start + 1] == 0x3F else { return nil }
        var index = start + 2
        func field() -> [UInt8]? {
            var value: [UInt8] = []
            while index < bytes.count, bytes[index] != 0x3F {
                if bytes[index] == 0x20 || bytes[index] == 0x09 { return nil }
                value.append(bytes[index])
                index += 1
            }
            guard index < bytes.count else { return nil }
            index += 1  // the "?"
            return value
        }
        guard let charset = field(), !charset.isEmpty, let encoding = field(), encoding.count == 1 else { return nil }
        var text: [UInt8] = []
        while index + 1 < bytes.count, !(bytes[index] == 0x3F && bytes[index + 1] == 0x3D) {
            if bytes[index] == 0x20 || bytes[index] == 0x09 { return nil }
            text.append(bytes[index])
            index += 1
        }
        guard index + 1 < bytes.count else { return nil }
        let end = index + 2
        switch encoding[0] | 0x20 {
        case 0x62:  // b
            guard let data = Data(base64Encoded: Data(text)) else { return nil }
            return (Array(data), end)
        case 0x71:  // q
            var decoded: [UInt8] = []
            var i = 0
            while i < text.count {
                if text[i] == 0x5F {
                    decoded.append(0x20)
                } else if text[i] == 0x3D, i + 2 < text.count, let value = hexValue(text[i + 1], text[i + 2]) {
                    decoded.append(value)
                    i += 2
                } else {
                    decoded.append(text[i])
                }
                i += 1
            }
            return (decoded, end)
        default:
            return nil
        }
    }

    static func hexValue(_ high: UInt8, _ low: UInt8) -> UInt8? {
        func digit(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x41...0x46: return c - 0x41 + 10
            case 0x61...0x66: return c - 0x61 + 10
            default: return nil
            }
        }
        guard let h = digit(high), let l = digit(low) else { return nil }
        return h << 4 | l
    }
}

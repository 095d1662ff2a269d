extension String {
    /// Every CRLF, lone CR or lone LF (and U+2028, U+2029) replaced by `separator`.
    func replacingLineBreaks(with separator: String) -> String {
        // Most text has nothing to replace: one pass over the contiguous bytes, and the string itself is
        // returned (the rendered text of every message goes through here two or three times).
        let newlineIsSeparator = separator == "\n"
        var copy = self
        if copy.withUTF8({ Self.hasNoLineBreak($0, keepingNewlines: newlineIsSeparator) }) { return self }
        var result = ""
        var previousWasCR = false
        for scalar in unicodeScalars {
            switch scalar {
            case "\r":
                result += separator
                previousWasCR = true
                continue
            case "\n":
                if !previousWasCR { result += separator }
            case "\u{2028}", "\u{2029}":
                result += separator
            default:
                result.unicodeScalars.append(scalar)
            }
            previousWasCR = false
        }
        return result
    }

    /// Whether the bytes hold no CR, no U+2028 or U+2029, and no LF unless `keepingNewlines`.
    private static func hasNoLineBreak(_ bytes: UnsafeBufferPointer<UInt8>, keepingNewlines: Bool) -> Bool {
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == 0x0D || (byte == 0x0A && !keepingNewlines) { return false }
            if (byte == 0xA8 || byte == 0xA9) && index >= 2 && bytes[index - 1] == 0x80 && bytes[index - 2] == 0xE2 {
                return false  // E2 80 A8 is U+2028, E2 80 A9 is U+2029
            }
        }
        return true
    }
}

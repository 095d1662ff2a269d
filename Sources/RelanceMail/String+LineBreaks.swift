extension String {
    /// Every CRLF, lone CR or lone LF (and U+2028, U+2029) replaced by `separator`.
    func replacingLineBreaks(with separator: String) -> String {
        // Most text has nothing to replace: one pass over the bytes, and the string itself is returned.
        var clean = true
        var previous: (UInt8, UInt8) = (0, 0)
        let newlineIsSeparator = separator == "\n"
        for byte in utf8 {
            if byte == 0x0D || (byte == 0x0A && !newlineIsSeparator)
                || ((byte == 0xA8 || byte == 0xA9) && previous == (0xE2, 0x80))  // U+2028, U+2029
            {
                clean = false
                break
            }
            previous = (previous.1, byte)
        }
        if clean { return self }
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
}

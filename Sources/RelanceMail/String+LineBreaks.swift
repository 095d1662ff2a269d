extension String {
    /// Every CRLF, lone CR or lone LF (and U+2028, U+2029) replaced by `separator`.
    func replacingLineBreaks(with separator: String) -> String {
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

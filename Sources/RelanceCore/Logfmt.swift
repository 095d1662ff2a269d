/// `key=value` pairs as in the logs: values with spaces, quotes, `=` or nothing are quoted.
public enum Logfmt {
    /// Joins the pairs whose value is not nil.
    public static func pairs(_ pairs: KeyValuePairs<String, String?>) -> String {
        var out = ""
        for (key, value) in pairs {
            guard let value else { continue }
            if !out.isEmpty { out += " " }
            out += key
            out += "="
            out += quote(value)
        }
        return out
    }

    /// Quotes a value when needed and escapes everything that could break the line (CR, LF, controls).
    public static func quote(_ value: String) -> String {
        needsQuotes(value) ? "\"" + escaped(value) + "\"" : value
    }

    /// The value with `"`, `\\`, CR, LF, TAB as backslash escapes and every other control character
    /// (and U+2028/U+2029) as `\uXXXX`: valid inside a logfmt quoted value and inside a JSON string.
    public static func escaped(_ value: String) -> String {
        // Printable ASCII without `"` or `\\` (nearly every value) is its own escape: no Unicode
        // property lookup per character.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) { return value }
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let category = scalar.properties.generalCategory
                if category == .control || category == .lineSeparator || category == .paragraphSeparator {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Empty, or containing a space, `=`, `"`, `\\` or a control character. Runs for every journaled
    /// invoice of a ledger sync, so ASCII is checked byte by byte.
    private static func needsQuotes(_ value: String) -> Bool {
        if value.isEmpty { return true }
        var ascii = true
        for byte in value.utf8 {
            if byte <= 0x20 || byte == 0x3D || byte == 0x22 || byte == 0x5C || byte == 0x7F { return true }
            if byte >= 0x80 { ascii = false }
        }
        return !ascii && value.unicodeScalars.contains {
            let category = $0.properties.generalCategory
            return category == .control || category == .lineSeparator || category == .paragraphSeparator
        }
    }
}

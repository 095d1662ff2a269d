import Foundation
import RelanceCore

/// Writes header fields that are safe whatever the data: RFC 2047 encoded-words for non-ASCII
/// text, quoted display names, and folding so no line exceeds 78 characters.
///
/// **No CR, LF or NUL from data ever reaches a header.** Every value first goes through
/// ``sanitize(_:)``, which turns each control character (C0, DEL, C1, U+2028, U+2029 and the bidi
/// overrides) into a space; only then is it quoted or encoded. Line breaks in the output are
/// produced by folding alone (CRLF followed by a space), so a value can never start a new field.
///
/// The functions return a whole field (`Name: value`, folded with CRLF + space) without the final
/// CRLF.
public enum HeaderEncoder {
    /// The longest line written, excluding CRLF (RFC 5322 section 2.1.1 recommends 78).
    public static let maxLineLength = 78
    /// The longest encoded-word (RFC 2047 section 2).
    public static let maxEncodedWordLength = 75

    /// The value with every control character replaced by a space (see the type's documentation).
    public static func sanitize(_ value: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            scalars.append(isForbidden(scalar) ? " " : scalar)
        }
        return String(scalars)
    }

    /// Whether a header field name is valid (printable ASCII without `:` or space, RFC 5322 `ftext`).
    public static func isValidFieldName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { $0 >= 33 && $0 <= 126 && $0 != 0x3A }
    }

    /// An unstructured field (`Subject`, `X-…`): plain ASCII folded at spaces when possible,
    /// otherwise encoded-words (`=?UTF-8?B?…?=`), each at most 75 characters.
    public static func unstructured(name: String, value: String) -> String {
        let clean = sanitize(value)
        let prefix = name + ":"
        guard !clean.isEmpty else { return prefix }
        let firstRoom = maxLineLength - prefix.utf8.count - 1
        if isPlainFoldable(clean, firstRoom: firstRoom) {
            return fold(prefix: prefix, tokens: clean.split(separator: " ").map(String.init))
        }
        return fold(prefix: prefix, tokens: encodedWords(clean, firstLimit: firstRoom))
    }

    /// An address field (`From`, `To`, `Cc`, `Reply-To`): mailboxes separated by commas, folded
    /// between words.
    public static func addressList(name: String, mailboxes: [Mailbox]) -> String {
        let prefix = name + ":"
        var tokens: [String] = []
        for (index, mailbox) in mailboxes.enumerated() {
            let firstRoom = tokens.isEmpty ? maxLineLength - prefix.utf8.count - 1 : maxEncodedWordLength
            var piece = displayNameTokens(mailbox.displayName, firstRoom: firstRoom)
            piece.append(piece.isEmpty ? mailbox.address.value : "<" + mailbox.address.value + ">")
            if index < mailboxes.count - 1 { piece[piece.count - 1] += "," }
            tokens += piece
        }
        return fold(prefix: prefix, tokens: tokens)
    }

    /// A display name as header tokens: atoms when it is plain ASCII words, a quoted string when
    /// it holds specials (`"Martin, Claire"`), otherwise atoms mixed with encoded-words for the
    /// words that need them (`=?UTF-8?B?TCfDiXBvcXVl?= & Fils`). Whitespace runs collapse to one
    /// space; a blank name gives no tokens.
    public static func displayNameTokens(_ name: String?, firstRoom: Int = maxEncodedWordLength) -> [String] {
        guard let name else { return [] }
        let words = sanitize(name).split(whereSeparator: { $0 == " " || $0.isWhitespace })
        guard !words.isEmpty else { return [] }
        let collapsed = words.joined(separator: " ")
        let longest = maxLineLength - 2
        if collapsed.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            if collapsed.utf8.allSatisfy({ $0 == 0x20 || isAtext($0) }), !collapsed.contains("=?"),
                words.allSatisfy({ $0.utf8.count <= longest })
            {
                return words.map(String.init)
            }
            // An encoded-word must not appear inside a quoted string (RFC 2047 §5), and readers decode one
            // there anyway: a name that looks like one (`=?UTF-8?B?…?=`) is encoded itself, below.
            if !collapsed.contains("=?") {
                var quoted = "\""
                for c in collapsed {
                    if c == "\"" || c == "\\" { quoted.append("\\") }
                    quoted.append(c)
                }
                quoted.append("\"")
                if quoted.utf8.count <= longest { return [quoted] }
            }
        }
        // Words that need it are encoded, each run of them as one encoded-word where it fits; plain
        // words stay atoms. Whitespace between an encoded-word and an atom is kept by every reader,
        // while readers disagree on whitespace between two encoded-words in a phrase.
        var tokens: [String] = []
        var run: [Substring] = []
        func flush() {
            guard !run.isEmpty else { return }
            tokens += encodedWords(run.joined(separator: " "), firstLimit: tokens.isEmpty ? firstRoom : maxEncodedWordLength)
            run = []
        }
        for word in words {
            let plain = word.utf8.allSatisfy(isAtext) && !word.contains("=?") && word.utf8.count <= longest
            if plain {
                flush()
                tokens.append(String(word))
            } else {
                run.append(word)
            }
        }
        flush()
        return tokens
    }

    /// Splits text into `=?UTF-8?B?…?=` words of at most `limit` characters (the first at most
    /// `firstLimit`), never splitting a UTF-8 sequence. Spaces travel inside the words, so the
    /// decoded text is exact.
    public static func encodedWords(_ text: String, firstLimit: Int, limit: Int = maxEncodedWordLength) -> [String] {
        let overhead = 12  // "=?UTF-8?B?" + "?="
        func capacity(_ wordLimit: Int) -> Int { max(0, (wordLimit - overhead) / 4) * 3 }
        let firstCapacity = capacity(min(firstLimit, limit))
        let otherCapacity = max(capacity(limit), 4)
        var words: [String] = []
        var chunk: [UInt8] = []
        var room = firstCapacity >= 4 ? firstCapacity : otherCapacity
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > room {
                words.append(encodedWord(chunk))
                chunk = []
                room = otherCapacity
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    /// Joins tokens with single spaces, starting a continuation line (CRLF + space) whenever the
    /// next token would pass 78 characters.
    static func fold(prefix: String, tokens: [String]) -> String {
        var lines: [String] = []
        var current = prefix
        var currentLength = prefix.utf8.count
        var lineHasToken = false
        for token in tokens {
            let length = token.utf8.count
            let fitsHere = currentLength + 1 + length <= maxLineLength
            let fitsAlone = 1 + length <= maxLineLength
            if !fitsHere && (lineHasToken || fitsAlone) {
                lines.append(current)
                current = ""
                currentLength = 0
            }
            current += " " + token
            currentLength += 1 + length
            lineHasToken = true
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// Plain printable ASCII with single spaces, no encoded-word look-alike and words that fit.
    private static func isPlainFoldable(_ text: String, firstRoom: Int) -> Bool {
        guard text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), !text.contains("=?"),
            !text.hasPrefix(" "), !text.hasSuffix(" "), !text.contains("  ")
        else { return false }
        let words = text.split(separator: " ")
        guard let first = words.first, first.utf8.count <= firstRoom else { return false }
        return words.allSatisfy { $0.utf8.count <= maxLineLength - 1 }
    }

    /// RFC 5322 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    private static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
        }
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0 (CR, LF, NUL, TAB…), DEL, C1 (NEL…)
        case 0x2028, 0x2029: return true  // line and paragraph separators
        case 0x202A...0x202E, 0x2066...0x2069: return true  // bidi embeddings, overrides, isolates
        default: return false
        }
    }
}

extension TemplateSet {
    /// `\n` line breaks, no blank lines at either end, one final `\n`.
    static func tidy(_ text: String, trimTrailingSpaces: Bool) -> String {
        var normalized = text.replacingLineBreaks(with: "\n")
        if let tidied = normalized.withUTF8({ tidyBytes($0, trimTrailingSpaces: trimTrailingSpaces) }) {
            return tidied
        }
        return tidyBySubstrings(normalized, trimTrailingSpaces: trimTrailingSpaces)
    }

    /// `tidy` on the bytes of text whose line breaks are `\n`, in one pass and one output buffer, or nil
    /// when a character-wise decision is needed: a trailing space after a non-ASCII byte (a character
    /// before it may hold it, see `trimmingTrailingSpaces`), or an edge line whose only other bytes are
    /// non-ASCII (it may be Unicode whitespace). Rendered reminders almost never need it.
    static func tidyBytes(_ bytes: UnsafeBufferPointer<UInt8>, trimTrailingSpaces: Bool) -> String? {
        var lines: [Range<Int>] = []
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
            var end = index
            if trimTrailingSpaces {
                while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
                if end != index && end > start && bytes[end - 1] >= 0x80 { return nil }
            }
            lines.append(start..<end)
            start = index + 1
        }
        /// true, false, or nil when the line has non-ASCII bytes and no other sign of ink.
        func blankness(_ line: Range<Int>) -> Bool? {
            var ascii = true
            for index in line {
                let byte = bytes[index]
                if byte >= 0x80 {
                    ascii = false
                } else if byte != 0x20 && !(0x09...0x0D).contains(byte) {
                    return false
                }
            }
            return ascii ? true : nil
        }
        var first = 0, end = lines.count
        while first < end {
            guard let blank = blankness(lines[first]) else { return nil }
            if !blank { break }
            first += 1
        }
        while end > first {
            guard let blank = blankness(lines[end - 1]) else { return nil }
            if !blank { break }
            end -= 1
        }
        guard first < end else { return "" }
        var length = 0
        for line in lines[first..<end] { length += line.count + 1 }
        return String(unsafeUninitializedCapacity: length) { out in
            var position = 0
            for line in lines[first..<end] {
                let piece = UnsafeBufferPointer(rebasing: bytes[line])
                _ = UnsafeMutableBufferPointer(rebasing: out[position..<position + piece.count]).initialize(from: piece)
                position += piece.count
                out[position] = 0x0A
                position += 1
            }
            return position
        }
    }

    /// `tidy` by substrings of text whose line breaks are `\n`, character-wise where it matters: the
    /// fallback of `tidyBytes`, and its oracle in the tests.
    static func tidyBySubstrings(_ normalized: String, trimTrailingSpaces: Bool) -> String {
        // Lines are cut at the `\n` bytes: a line feed is always a character of its own (a grapheme
        // boundary on both sides), so this is the character-wise split without its grapheme breaking.
        var lines: [Substring] = []
        let utf8 = normalized.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == 0x0A {
                lines.append(normalized[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        lines.append(normalized[start..<utf8.endIndex])
        if trimTrailingSpaces {
            for index in lines.indices { lines[index] = trimmingTrailingSpaces(lines[index]) }
        }
        var first = lines.startIndex, end = lines.endIndex
        while first < end, isBlank(lines[first]) { first += 1 }
        while end > first, isBlank(lines[end - 1]) { end -= 1 }
        return first == end ? "" : lines[first..<end].joined(separator: "\n") + "\n"
    }

    /// Whether every character of the line is whitespace (`Character.isWhitespace`), decided on the
    /// bytes when the line is ASCII (where each byte is a character, CR LF aside, both whitespace).
    private static func isBlank(_ line: Substring) -> Bool {
        var ascii = true
        for byte in line.utf8 {
            if byte >= 0x80 {
                ascii = false
                break
            }
            if byte != 0x20 && !(0x09...0x0D).contains(byte) { return false }
        }
        return ascii || line.allSatisfy { $0.isWhitespace }
    }

    /// The line without the spaces and tabs that end it (whole characters: a space that a non-ASCII
    /// character before it joins into one character stays, as the character-wise loop decides).
    private static func trimmingTrailingSpaces(_ line: Substring) -> Substring {
        let bytes = line.utf8
        var end = bytes.endIndex
        while end > bytes.startIndex {
            let previous = bytes.index(before: end)
            guard bytes[previous] == 0x20 || bytes[previous] == 0x09 else { break }
            end = previous
        }
        guard end != bytes.endIndex else { return line }
        if end > bytes.startIndex, bytes[bytes.index(before: end)] >= 0x80 {
            var trimmed = line
            while let last = trimmed.last, last == " " || last == "\t" { trimmed = trimmed.dropLast() }
            return trimmed
        }
        return line[line.startIndex..<end]
    }
}

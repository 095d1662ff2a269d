import Testing
@testable import RelanceMail

/// `TemplateSet.tidy`, applied to every rendered text and HTML part: `\n` breaks, trailing spaces and
/// tabs trimmed (text part), blank lines dropped at both ends, one final `\n`. Its byte-wise path must
/// give what the character-wise one gives, Unicode whitespace and grapheme clusters included.
@Suite struct RenderedTextTidyingTests {
    @Test func edgesAndTrailingSpacesAreTidied() {
        #expect(TemplateSet.tidy("\n \t\nBonjour,  \n\nMerci.\t\n\n  \n", trimTrailingSpaces: true) == "Bonjour,\n\nMerci.\n")
        #expect(TemplateSet.tidy("\r\n<p>a </p>\r\n", trimTrailingSpaces: false) == "<p>a </p>\n")
        #expect(TemplateSet.tidy(" \n\t\n", trimTrailingSpaces: true) == "")
        #expect(TemplateSet.tidy("", trimTrailingSpaces: false) == "")
        // No-break spaces are whitespace: a line of them is blank at an edge, kept inside.
        #expect(TemplateSet.tidy("\u{00A0}\nx\n\u{00A0}\ny\n\u{2003}", trimTrailingSpaces: true) == "x\n\u{00A0}\ny\n")
        // A space that a preceding character holds (U+0600 prepends to what follows) is not trimmed.
        #expect(TemplateSet.tidy("a\u{0600} \n", trimTrailingSpaces: true) == "a\u{0600} \n")
        #expect(TemplateSet.tidy("é  \n", trimTrailingSpaces: true) == "é\n")
    }

    @Test func bytewiseAndCharacterwiseAgreeOnRandomTexts() {
        let alphabet = [
            "a", "é", "€", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\u{000B}", "\u{00A0}", "\u{2003}", "\u{0301}",
            "\u{0600}", "\u{0085}", ".", "1 234,56\u{00A0}€",
        ]
        var generator = SplitMix(seed: 20261123)
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 14)
            let text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            for trim in [true, false] {
                let expected = TemplateSet.tidyBySubstrings(text.replacingLineBreaks(with: "\n"), trimTrailingSpaces: trim)
                #expect(TemplateSet.tidy(text, trimTrailingSpaces: trim) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) }) trim=\(trim)")
            }
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failure is the same on every run.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Testing
@testable import RelanceMail

/// `replacingLineBreaks(with:)`, under every rendered text, subject and body: each kind of line break
/// becomes the separator once, and text without one comes back unchanged.
@Suite struct LineBreakNormalizationTests {
    @Test func everyKindOfBreakBecomesTheSeparatorOnce() {
        let text = "a\r\nb\rc\nd\u{2028}e\u{2029}f"
        #expect(text.replacingLineBreaks(with: "\n") == "a\nb\nc\nd\ne\nf")
        #expect(text.replacingLineBreaks(with: " ") == "a b c d e f")
        #expect("\r\n\r\n".replacingLineBreaks(with: "|") == "||")
        #expect("\n\r".replacingLineBreaks(with: "|") == "||")
    }

    @Test func textWithoutBreaksIsUnchanged() {
        // U+00A8 and U+00A9 end in the bytes A8 and A9 too (C2 A8, C2 A9), as does U+20A8 (E2 82 A8):
        // only E2 80 A8 and E2 80 A9 are line breaks.
        let text = "Relance ¨ © ₨ – 1 234,56 €"
        #expect(text.replacingLineBreaks(with: " ") == text)
        #expect("one\ntwo".replacingLineBreaks(with: "\n") == "one\ntwo")
        #expect("".replacingLineBreaks(with: " ") == "")
    }

    @Test func aBreakAfterCleanTextIsStillFound() {
        let long = String(repeating: "é", count: 500) + "\r" + String(repeating: "x", count: 500)
        #expect(long.replacingLineBreaks(with: "\n") == String(repeating: "é", count: 500) + "\n" + String(repeating: "x", count: 500))
        #expect("\u{2028}".replacingLineBreaks(with: "\n") == "\n")
    }
}

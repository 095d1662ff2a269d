import Testing
@testable import RelanceMail

@Suite("Quoted-printable bodies")
struct QuotedPrintableTests {
    private func lines(_ encoded: String) -> [String] { encoded.components(separatedBy: "\r\n") }

    @Test func asciiIsUnchanged() {
        #expect(QuotedPrintable.encode("Bonjour,\nmerci.") == "Bonjour,\r\nmerci.")
    }

    @Test func accentsAndEqualsAreEscaped() {
        #expect(QuotedPrintable.encode("Échéance = 1 234,56 €") == "=C3=89ch=C3=A9ance =3D 1 234,56 =E2=82=AC")
    }

    @Test func trailingWhitespaceIsEncoded() {
        #expect(QuotedPrintable.encode("fin \nfin\t\n") == "fin=20\r\nfin=09\r\n")
    }

    @Test func leadingDotIsEncoded() {
        #expect(QuotedPrintable.encode(".\n.suite\nfin.") == "=2E\r\n=2Esuite\r\nfin.")
    }

    @Test func lineBreaksOfAnyKindBecomeCRLF() {
        #expect(QuotedPrintable.encode("a\r\nb\nc\rd") == "a\r\nb\r\nc\r\nd")
        #expect(QuotedPrintable.decode(QuotedPrintable.encode("a\r\nb\nc\rd")) == Array("a\r\nb\r\nc\r\nd".utf8))
    }

    @Test func longLinesGetSoftBreaksWithinLimits() {
        let text = String(repeating: "Montant dû : 1 234,56 € — échéance dépassée. ", count: 12)
        let encoded = QuotedPrintable.encode(text)
        let physical = lines(encoded)
        #expect(physical.count > 5)
        for line in physical {
            #expect(line.utf8.count <= 76, "line too long: \(line)")
            #expect(!line.hasPrefix("."))
        }
        for line in physical.dropLast() { #expect(line.hasSuffix("=")) }
        #expect(physical.last?.hasSuffix(" ") == false)
        #expect(QuotedPrintable.decode(encoded) == Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    @Test func softBreaksKeepEscapesAndCharactersWhole() {
        let text = String(repeating: "é", count: 100)
        let physical = lines(QuotedPrintable.encode(text))
        for line in physical {
            let content = line.hasSuffix("=") ? String(line.dropLast()) : line
            #expect(content.utf8.count % 6 == 0, "split character on line: \(line)")
        }
        #expect(QuotedPrintable.decode(QuotedPrintable.encode(text)) == Array(text.utf8))
    }

    @Test func dotAfterSoftBreakIsEncoded() {
        let text = String(repeating: "a", count: 75) + ".b"
        let encoded = QuotedPrintable.encode(text)
        #expect(encoded == String(repeating: "a", count: 75) + "=\r\n=2Eb")
        #expect(QuotedPrintable.decode(encoded) == Array(text.utf8))
    }

    @Test func exactly76CharactersNeedNoSoftBreak() {
        let text = String(repeating: "x", count: 76)
        #expect(QuotedPrintable.encode(text) == text)
        let longer = String(repeating: "x", count: 77)
        #expect(QuotedPrintable.encode(longer) == String(repeating: "x", count: 75) + "=\r\nxx")
    }

    @Test func roundTripOfMixedText() {
        let text = "L'Époque & Fils\n\nFacture F-1 : 1 234,56 €  \n.\nFrom here\t\n" + String(repeating: "€", count: 50) + "\n"
        let encoded = QuotedPrintable.encode(text)
        #expect(lines(encoded).allSatisfy { $0.utf8.count <= 76 })
        #expect(!encoded.contains("=_"))
        #expect(QuotedPrintable.decode(encoded) == Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }
}

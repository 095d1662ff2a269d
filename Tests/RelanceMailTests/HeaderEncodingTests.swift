import Foundation
import Testing
@testable import RelanceMail

@Suite("RFC 2047 encoding and folding of header fields")
struct HeaderEncodingTests {
    private func lines(_ field: String) -> [String] { field.components(separatedBy: "\r\n") }

    @Test func nonASCIISubjectIsEncodedAndDecodesBack() {
        let subject = "Société Générale — Été 2026"
        let field = HeaderEncoder.unstructured(name: "Subject", value: subject)
        #expect(field.hasPrefix("Subject: =?UTF-8?B?"))
        #expect(!field.contains("é"))
        let value = String(field.dropFirst("Subject: ".count))
        #expect(HeaderEncoder.decode(value) == subject)
    }

    @Test func longSubjectIsFoldedWithinLimits() {
        let subject = String(repeating: "Relance de la facture n° F-2026-001 échue — règlement attendu. ", count: 6)
            .trimmingCharacters(in: .whitespaces)
        let field = HeaderEncoder.unstructured(name: "Subject", value: subject)
        let physical = lines(field)
        #expect(physical.count > 3)
        for line in physical {
            #expect(line.utf8.count <= 78, "line too long: \(line)")
        }
        for (index, line) in physical.enumerated() where index > 0 {
            #expect(line.hasPrefix(" "))
        }
        for word in field.split(whereSeparator: { $0 == " " || $0 == "\r\n" }) where word.hasPrefix("=?") {
            #expect(word.utf8.count <= 75)
        }
        #expect(HeaderEncoder.decode(String(field.dropFirst("Subject: ".count))) == subject)
    }

    @Test func encodedWordsNeverSplitAUTF8Sequence() {
        let text = String(repeating: "é€😀", count: 40)
        for word in HeaderEncoder.encodedWords(text, firstLimit: 60) {
            #expect(word.utf8.count <= 75)
            let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            let decoded = Data(base64Encoded: String(payload))
            #expect(decoded != nil)
            #expect(String(data: decoded ?? Data([0xFF]), encoding: .utf8) != nil, "word splits a character: \(word)")
        }
        #expect(HeaderEncoder.decode(HeaderEncoder.encodedWords(text, firstLimit: 60).joined(separator: " ")) == text)
    }

    @Test func plainASCIISubjectStaysReadable() {
        let field = HeaderEncoder.unstructured(name: "Subject", value: "Payment reminder: invoice F-1 overdue")
        #expect(field == "Subject: Payment reminder: invoice F-1 overdue")
    }

    @Test func longASCIISubjectFoldsAtSpaces() {
        let words = (1...30).map { "word\($0)" }
        let field = HeaderEncoder.unstructured(name: "Subject", value: words.joined(separator: " "))
        #expect(!field.contains("=?"))
        #expect(lines(field).allSatisfy { $0.utf8.count <= 78 })
        #expect(field.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + words.joined(separator: " "))
    }

    @Test func textThatLooksEncodedIsEncoded() {
        let field = HeaderEncoder.unstructured(name: "Subject", value: "=?UTF-8?B?SGk=?=")
        #expect(HeaderEncoder.decode(String(field.dropFirst("Subject: ".count))) == "=?UTF-8?B?SGk=?=")
    }

    /// A client named like an encoded-word must not be shown decoded ("Pay to IBAN …"): an encoded-word
    /// may not sit inside a quoted string (RFC 2047 §5), so the name is encoded itself, and reads back as
    /// written.
    @Test func aDisplayNameThatLooksEncodedIsEncodedNotQuoted() {
        let name = "=?UTF-8?B?UGF5IHRvIElCQU4gREUwMCBFVklM?="
        let field = HeaderEncoder.addressList(name: "To", mailboxes: [Mailbox(Fixtures.address("e1@example.fr"), displayName: name)])
        #expect(!field.contains("\"=?"), "\(field)")
        let shown = String(field.dropFirst("To: ".count).prefix { $0 != "<" }).trimmingCharacters(in: .whitespaces)
        #expect(HeaderEncoder.decode(shown) == name, "\(field)")
        let mixed = HeaderEncoder.addressList(
            name: "To", mailboxes: [Mailbox(Fixtures.address("e1@example.fr"), displayName: "Martin, =?x?Q?y?=")])
        #expect(!mixed.contains("\"") && mixed.hasSuffix("<e1@example.fr>"), "\(mixed)")
    }

    @Test func displayNameWithSpecialsIsQuoted() {
        let field = HeaderEncoder.addressList(
            name: "To", mailboxes: [Mailbox(Fixtures.address("a@b.fr"), displayName: "Martin, Claire")])
        #expect(field == "To: \"Martin, Claire\" <a@b.fr>")
    }

    @Test func quotesAndBackslashesInDisplayNameAreEscaped() {
        let field = HeaderEncoder.addressList(
            name: "To", mailboxes: [Mailbox(Fixtures.address("a@b.fr"), displayName: "Dupont \"Le Grand\" \\ Fils")])
        #expect(field == "To: \"Dupont \\\"Le Grand\\\" \\\\ Fils\" <a@b.fr>")
    }

    @Test func plainDisplayNameIsLeftAsAtoms() {
        let field = HeaderEncoder.addressList(
            name: "From", mailboxes: [Mailbox(Fixtures.address("compta@atelier-dupont.fr"), displayName: "Atelier Dupont SARL")])
        #expect(field == "From: Atelier Dupont SARL <compta@atelier-dupont.fr>")
    }

    @Test func nonASCIIDisplayNameIsEncoded() {
        let field = HeaderEncoder.addressList(
            name: "To", mailboxes: [Mailbox(Fixtures.address("a@b.fr"), displayName: "L'Époque & Fils")])
        #expect(field.hasPrefix("To: =?UTF-8?B?"))
        #expect(field.hasSuffix(" <a@b.fr>"))
        #expect(HeaderEncoder.decode(String(field.dropFirst(4))) == "L'Époque & Fils <a@b.fr>")
    }

    @Test func mixedDisplayNameKeepsPlainWordsAsAtoms() {
        let name = "L'Époque & Fils — Société Générale de Boulangerie"
        let tokens = HeaderEncoder.displayNameTokens(name)
        #expect(tokens.count == 6)
        #expect(tokens[0] == "=?UTF-8?B?TCfDiXBvcXVl?=")
        #expect(Array(tokens[1...2]) == ["&", "Fils"])
        #expect(tokens[3].hasPrefix("=?UTF-8?B?"))
        #expect(Array(tokens[4...5]) == ["de", "Boulangerie"])
        #expect(HeaderEncoder.decode(tokens.joined(separator: " ")) == name)
    }

    @Test func severalMailboxesAreCommaSeparatedAndFolded() {
        let mailboxes = (1...6).map { Mailbox(Fixtures.address("comptabilite\($0)@boulangerie-martin.fr")) }
        let field = HeaderEncoder.addressList(name: "Cc", mailboxes: mailboxes)
        #expect(lines(field).count > 1)
        #expect(lines(field).allSatisfy { $0.utf8.count <= 78 })
        let unfolded = field.replacingOccurrences(of: "\r\n", with: "")
        #expect(unfolded == "Cc: " + mailboxes.map(\.address.value).joined(separator: ", "))
    }

    @Test func blankDisplayNameIsOmitted() {
        let field = HeaderEncoder.addressList(name: "To", mailboxes: [Mailbox(Fixtures.address("a@b.fr"), displayName: "  ")])
        #expect(field == "To: a@b.fr")
    }

    @Test func decodesQEncodingToo() {
        #expect(HeaderEncoder.decode("=?utf-8?Q?Soci=C3=A9t=C3=A9_G=C3=A9n=C3=A9rale?= SA") == "Société Générale SA")
    }
}

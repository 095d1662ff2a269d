import Foundation
import Testing
@testable import RelanceMail

@Suite("MIME message bytes")
struct MIMEMessageTests {
    private func message(html: String? = nil, attachments: [MailAttachment] = []) -> MIMEMessage {
        MIMEMessage(
            from: Mailbox(Fixtures.address("compta@atelier-dupont.fr"), displayName: "Atelier Dupont SARL"),
            to: [Mailbox(Fixtures.address("compta@boulangerie-martin.fr"), displayName: "Boulangerie Martin SAS")],
            cc: [Mailbox(Fixtures.address("direction@boulangerie-martin.fr"))],
            replyTo: Mailbox(Fixtures.address("relances@atelier-dupont.fr")),
            subject: "Relance : facture F-1", date: Fixtures.instant, timeZone: Fixtures.paris,
            messageID: "relance-42@atelier-dupont.fr", extraHeaders: [("X-Relance-Message", "42")],
            textBody: "Bonjour,\nMontant : 1 234,56 €\n", htmlBody: html, attachments: attachments,
            boundarySeed: "relance-42@atelier-dupont.fr")
    }

    @Test func textOnlyMessageIsExact() throws {
        let text = String(decoding: try message().render(), as: UTF8.self)
        let expected = [
            "Date: Tue, 17 Nov 2026 09:00:00 +0100",
            "From: Atelier Dupont SARL <compta@atelier-dupont.fr>",
            "To: Boulangerie Martin SAS <compta@boulangerie-martin.fr>",
            "Cc: direction@boulangerie-martin.fr",
            "Reply-To: relances@atelier-dupont.fr",
            "Subject: Relance : facture F-1",
            "Message-ID: <relance-42@atelier-dupont.fr>",
            "X-Relance-Message: 42",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Bonjour,",
            "Montant : 1 234,56 =E2=82=AC",
            "",
        ].joined(separator: "\r\n")
        #expect(text == expected)
    }

    @Test func dateUsesTheGivenZoneAndCLocale() throws {
        #expect(MailDate.format(Fixtures.instant, timeZone: Fixtures.paris) == "Tue, 17 Nov 2026 09:00:00 +0100")
        let summer = Date(timeIntervalSince1970: 1_783_497_600)  // 2026-07-08 08:00:00 UTC
        #expect(MailDate.format(summer, timeZone: Fixtures.paris) == "Wed, 8 Jul 2026 10:00:00 +0200")
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        #expect(MailDate.format(Fixtures.instant, timeZone: newYork) == "Tue, 17 Nov 2026 03:00:00 -0500")
        let kolkata = try #require(TimeZone(identifier: "Asia/Kolkata"))
        #expect(MailDate.format(Date(timeIntervalSince1970: 0), timeZone: kolkata) == "Thu, 1 Jan 1970 05:30:00 +0530")
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(MailDate.format(Date(timeIntervalSince1970: -1), timeZone: utc) == "Wed, 31 Dec 1969 23:59:59 +0000")
    }

    @Test func htmlMakesAlternativeWithPlainFirst() throws {
        let bytes = try message(html: "<p>Montant : 1 234,56 €</p>").render()
        let parsed = ParsedMessage(bytes)
        let type = try #require(parsed.value("Content-Type"))
        #expect(type.hasPrefix("multipart/alternative; boundary=\"=_relance-alt-"))
        let text = String(decoding: bytes, as: UTF8.self)
        let plain = try #require(text.range(of: "Content-Type: text/plain; charset=UTF-8"))
        let html = try #require(text.range(of: "Content-Type: text/html; charset=UTF-8"))
        #expect(plain.lowerBound < html.lowerBound)
        let parts = decodedParts(bytes)
        #expect(parts["plain"] == "Bonjour,\r\nMontant : 1 234,56 €\r\n")
        #expect(parts["html"] == "<p>Montant : 1 234,56 €</p>")
        #expect(hasOnlyCRLF(bytes))
        #expect(text.hasSuffix("--\r\n"))
    }

    @Test func boundariesAreDeterministicWithASeedAndRandomWithout() throws {
        let first = try message(html: "<p>x</p>").render()
        let second = try message(html: "<p>x</p>").render()
        #expect(first == second)
        var unseeded = message(html: "<p>x</p>")
        unseeded.boundarySeed = nil
        #expect(try unseeded.render() != (try unseeded.render()))
        #expect(MIMEBoundary.make(seed: "a", label: "alt") != MIMEBoundary.make(seed: "b", label: "alt"))
        #expect(MIMEBoundary.make(seed: "a", label: "alt").utf8.count <= 70)
    }

    @Test func attachmentsMakeMixedWithBase64Wrapped() throws {
        let data = (0..<1000).map { UInt8($0 % 256) }
        let bytes = try message(
            html: "<p>x</p>", attachments: [MailAttachment(filename: "facture F-1.pdf", data: data)]
        ).render()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(ParsedMessage(bytes).value("Content-Type")?.hasPrefix("multipart/mixed; boundary=\"=_relance-mix-") == true)
        #expect(text.contains("Content-Type: application/pdf;\r\n name=\"facture F-1.pdf\""))
        #expect(text.contains("Content-Disposition: attachment;\r\n filename=\"facture F-1.pdf\""))
        let part = try #require(text.range(of: "Content-Transfer-Encoding: base64\r\n\r\n"))
        let rest = text[part.upperBound...]
        let end = try #require(rest.range(of: "\r\n--"))
        let lines = rest[..<end.lowerBound].components(separatedBy: "\r\n")
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect(Data(base64Encoded: lines.joined()) == Data(data))
        let alternative = try #require(text.range(of: "multipart/alternative"))
        #expect(alternative.lowerBound < part.lowerBound)
        #expect(hasOnlyCRLF(bytes))
    }

    @Test func nonASCIIFilenameUsesRFC2231() throws {
        let bytes = try message(attachments: [MailAttachment(filename: "Facture été.pdf", data: [1, 2, 3])]).render()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("filename*=UTF-8''Facture%20%C3%A9t%C3%A9.pdf"))
        #expect(text.contains("name=\"Facture _t_.pdf\""))
        let long = String(repeating: "Relevé de compte ", count: 8) + ".pdf"
        let longText = String(decoding: try message(attachments: [MailAttachment(filename: long, data: [1])]).render(), as: UTF8.self)
        #expect(longText.contains("filename*0*=UTF-8''Relev%C3%A9"))
        #expect(longText.contains("filename*1*="))
        #expect(ParsedMessage(Array(longText.utf8)).headerLines.allSatisfy { $0.utf8.count <= 78 })
        for line in longText.components(separatedBy: "\r\n") where line.contains("filename") {
            #expect(line.utf8.count <= 78)
        }
    }

    @Test func noRecipientIsAnError() {
        var empty = message()
        empty.to = []
        #expect(throws: MIMEError.noRecipients) { try empty.render() }
    }

    @Test func messageIDIsNormalised() throws {
        #expect(try MIMEMessage.normalizedMessageID("a@b") == "<a@b>")
        #expect(try MIMEMessage.normalizedMessageID("<a@b>") == "<a@b>")
        #expect(throws: MIMEError.self) { try MIMEMessage.normalizedMessageID("no-at-sign") }
        #expect(throws: MIMEError.self) { try MIMEMessage.normalizedMessageID("a b@c") }
    }
}

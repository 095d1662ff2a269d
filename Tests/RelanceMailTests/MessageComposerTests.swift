import Foundation
import RelanceCore
import Testing
@testable import RelanceMail

@Suite("Composing a reminder end to end")
struct MessageComposerTests {
    private func composer() throws -> MessageComposer {
        MessageComposer(library: try TemplateLibrary(directory: Fixtures.shippedTemplates))
    }

    @Test func composesTheShippedFirstReminder() throws {
        let message = try composer().compose(
            creditor: Fixtures.creditor, client: Fixtures.client(), template: "first-reminder", stepName: "first",
            lines: Fixtures.twoLines, today: Fixtures.today, date: Fixtures.instant, timeZone: Fixtures.paris,
            messageID: "relance-42@atelier-dupont.fr", extraHeaders: [("X-Relance-Message", "42")])
        #expect(message.from.value == "compta@atelier-dupont.fr")
        #expect(message.to.map(\.value) == ["compta@boulangerie-martin.fr"])
        #expect(message.recipients.map(\.value) == ["compta@boulangerie-martin.fr", "direction@boulangerie-martin.fr"])
        #expect(message.messageID == "<relance-42@atelier-dupont.fr>")
        #expect(message.subject == "Relance : 2 factures échues (F-2026-101, F-2026-117) – 1\u{202F}734,56\u{00A0}€")
        let parsed = ParsedMessage(message.bytes)
        #expect(parsed.names == [
            "Date", "From", "To", "Cc", "Reply-To", "Subject", "Message-ID", "X-Relance-Message", "MIME-Version",
            "Content-Type",
        ])
        #expect(parsed.value("Date") == "Tue, 17 Nov 2026 09:00:00 +0100")
        #expect(parsed.value("Reply-To") == "Atelier Dupont SARL <relances@atelier-dupont.fr>")
        #expect(HeaderEncoder.decode(try #require(parsed.value("Subject"))) == message.subject)
        #expect(parsed.headerLines.allSatisfy { $0.utf8.count <= 78 })
        let parts = decodedParts(message.bytes)
        #expect(parts["plain"]?.contains("1\u{202F}234,56\u{00A0}€") == true)
        #expect(parts["plain"] == message.rendered.text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(parts["html"]?.contains("<td>F-2026-117</td>") == true)
        #expect(hasOnlyCRLF(message.bytes))
    }

    @Test func composingTwiceGivesTheSameBytes() throws {
        let attachments = [MailAttachment(filename: "F-2026-101.pdf", data: Array("%PDF-1.4".utf8))]
        func compose() throws -> [UInt8] {
            try composer().compose(
                creditor: Fixtures.creditor, client: Fixtures.client(), template: "formal-notice", stepName: "notice",
                lines: Fixtures.twoLines, today: Fixtures.today, date: Fixtures.instant, timeZone: Fixtures.paris,
                messageID: "n-1@atelier-dupont.fr", attachments: attachments
            ).bytes
        }
        #expect(try compose() == (try compose()))
    }

    @Test func noInvoicesOrUnknownTemplateAreErrors() throws {
        #expect(throws: ComposeError.noInvoices(client: "C001")) {
            try composer().compose(
                creditor: Fixtures.creditor, client: Fixtures.client(), template: "first-reminder", stepName: "first",
                lines: [], today: Fixtures.today, date: Fixtures.instant, timeZone: Fixtures.paris, messageID: "a@b")
        }
        #expect(throws: TemplateError.self) {
            try composer().compose(
                creditor: Fixtures.creditor, client: Fixtures.client(), template: "nope", stepName: "first",
                lines: Fixtures.twoLines, today: Fixtures.today, date: Fixtures.instant, timeZone: Fixtures.paris,
                messageID: "a@b")
        }
    }
}

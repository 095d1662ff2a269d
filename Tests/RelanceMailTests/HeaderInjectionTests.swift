import Foundation
import RelanceCore
import Testing
@testable import RelanceMail

@Suite("Data never adds or breaks a header line")
struct HeaderInjectionTests {
    private let expectedNames = [
        "Date", "From", "To", "Cc", "Reply-To", "Subject", "Message-ID", "X-Relance-Message", "MIME-Version",
        "Content-Type",
    ]

    private func compose(clientName: String, invoiceNumber: String, contact: String? = nil) throws -> ComposedMessage {
        let set = try TemplateSet(
            language: .fr, name: "t",
            subject: "Relance {{client.name}} facture {{invoice_numbers}}",
            text: "{{client.greeting}}\n{{#invoices}}{{number}}\n{{/invoices}}",
            html: "<p>{{client.name}}</p>")
        let composer = MessageComposer(library: TemplateLibrary(templates: [set]))
        let lines = [ReminderLine(invoice: Fixtures.invoice(invoiceNumber, amount: "10.00"), today: Fixtures.today)]
        return try composer.compose(
            creditor: Fixtures.creditor, client: Fixtures.client(name: clientName, contact: contact), template: "t",
            stepName: "first", lines: lines, today: Fixtures.today, date: Fixtures.instant, timeZone: Fixtures.paris,
            messageID: "relance-42@atelier-dupont.fr", extraHeaders: [("X-Relance-Message", "42\r\nBcc: x@evil.com")])
    }

    private func checkHeaderBlock(_ message: ComposedMessage) {
        let parsed = ParsedMessage(message.bytes)
        #expect(parsed.names == expectedNames)
        #expect(!parsed.names.contains { $0.lowercased() == "bcc" })
        #expect(hasOnlyCRLF(message.bytes))
        for line in parsed.headerLines {
            #expect(line.utf8.count <= 78, "long header line: \(line)")
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        }
        #expect(message.recipients.map(\.value) == ["compta@boulangerie-martin.fr", "direction@boulangerie-martin.fr"])
    }

    @Test func crlfInClientNameStaysInsideTheHeader() throws {
        let message = try compose(clientName: "Martin SAS\r\nBcc: evil@x.com", invoiceNumber: "F-1")
        checkHeaderBlock(message)
        let to = try #require(ParsedMessage(message.bytes).value("To"))
        #expect(HeaderEncoder.decode(to) == "\"Martin SAS Bcc: evil@x.com\" <compta@boulangerie-martin.fr>")
        #expect(!message.subject.contains("\r") && !message.subject.contains("\n"))
    }

    @Test func crlfInInvoiceNumberStaysInsideTheSubject() throws {
        let message = try compose(clientName: "Martin", invoiceNumber: "F-1\r\nBcc: evil@x.com\r\n\r\nbody")
        checkHeaderBlock(message)
        let subject = try #require(ParsedMessage(message.bytes).value("Subject"))
        #expect(HeaderEncoder.decode(subject) == "Relance Martin facture F-1 Bcc: evil@x.com body")
    }

    @Test func loneLineBreaksNulAndUnicodeSeparatorsAreNeutralised() throws {
        for bad in ["A\nBcc: e@x.com", "A\rBcc: e@x.com", "A\u{0}Bcc: e@x.com", "A\u{2028}Bcc: e@x.com",
            "A\u{2029}Bcc: e@x.com", "A\u{85}Bcc: e@x.com", "A\tB\u{0B}C\u{0C}"]
        {
            checkHeaderBlock(try compose(clientName: bad, invoiceNumber: bad))
        }
    }

    @Test func sanitizeReplacesEveryControlCharacterWithASpace() {
        #expect(HeaderEncoder.sanitize("a\r\nb\u{0}c\u{2028}d\u{7F}e\tf") == "a  b c d e f")
        #expect(HeaderEncoder.sanitize("Société Générale") == "Société Générale")
    }

    @Test func extraHeadersCannotOverrideOrInjectHeaders() {
        let message = MIMEMessage(
            from: Mailbox(Fixtures.address("a@b.fr")), to: [Mailbox(Fixtures.address("c@d.fr"))], subject: "s",
            date: Fixtures.instant, timeZone: Fixtures.paris, messageID: "1@b.fr", textBody: "x")
        var withBcc = message
        withBcc.extraHeaders = [("Bcc", "evil@x.com")]
        #expect(throws: MIMEError.reservedHeader("Bcc")) { try withBcc.render() }
        var badName = message
        badName.extraHeaders = [("X-A\r\nBcc", "1")]
        #expect(throws: MIMEError.invalidHeaderName("X-A\r\nBcc")) { try badName.render() }
        var badID = message
        badID.messageID = "1@b.fr>\r\nBcc: evil@x.com"
        #expect(throws: MIMEError.invalidMessageID("1@b.fr>\r\nBcc: evil@x.com")) { try badID.render() }
    }
}

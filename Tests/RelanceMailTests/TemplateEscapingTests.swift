import RelanceCore
import Testing
@testable import RelanceMail

@Suite("Escaping: HTML escapes data, text and subject do not, data is never a template")
struct TemplateEscapingTests {
    private func render(clientName: String, contact: String? = nil) throws -> RenderedTemplate {
        let set = try TemplateSet(
            language: .fr, name: "t",
            subject: "Relance – {{client.name}} – {{total}}",
            text: "{{client.greeting}}\nClient : {{client.name}}\n{{#invoices}}{{number}} : {{outstanding}}\n{{/invoices}}",
            html: "<p>{{client.greeting}}</p>\n<p>{{client.name}}</p>")
        let library = TemplateLibrary(templates: [set])
        let content = ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(name: clientName, contact: contact), stepName: "first",
            lines: [ReminderLine(invoice: Fixtures.invoice("F-<1>", amount: "1234.56"), today: Fixtures.today)],
            today: Fixtures.today)
        return try library.render("t", language: .fr, content: content)
    }

    @Test func htmlEscapesClientData() throws {
        let rendered = try render(clientName: "<script>alert('x')</script> & \"Co\"")
        #expect(rendered.html == "<p>Madame, Monsieur,</p>\n<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;</p>\n")
    }

    @Test func textIsNotEscaped() throws {
        let rendered = try render(clientName: "L'Époque & Fils <compta>", contact: "M. Jean \"Jo\" Durand")
        #expect(rendered.text == "Bonjour M. Jean \"Jo\" Durand,\nClient : L'Époque & Fils <compta>\nF-<1> : 1\u{202F}234,56\u{00A0}€\n")
        #expect(rendered.subject == "Relance – L'Époque & Fils <compta> – 1\u{202F}234,56\u{00A0}€")
    }

    @Test func dataIsNeverInterpretedAsATemplate() throws {
        let rendered = try render(clientName: "{{creditor.iban}}{{#invoices}}x{{/invoices}}")
        #expect(rendered.text.contains("Client : {{creditor.iban}}{{#invoices}}x{{/invoices}}\n"))
        #expect(!rendered.text.contains("FR76"))
        #expect(rendered.html?.contains("{{creditor.iban}}") == true)
        #expect(rendered.subject.contains("{{creditor.iban}}"))
    }

    @Test func subjectIsOneTrimmedLine() throws {
        let set = try TemplateSet(language: .en, name: "s", subject: "\n  Reminder:\n{{client.name}}\r\n  end  \n", text: "x")
        let content = ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(name: "A\r\nB\u{2028}C", language: .en),
            stepName: "first", lines: Fixtures.twoLines, today: Fixtures.today)
        let rendered = try TemplateLibrary(templates: [set]).render("s", language: .en, content: content)
        #expect(rendered.subject == "Reminder: A B C end")
        #expect(rendered.html == nil)
    }

    @Test func textTemplateWithTripleMustacheAndPragmaStillWorks() throws {
        let set = try TemplateSet(language: .fr, name: "p", subject: "s", text: "{{{client.name}}}|{{&client.name}}")
        let content = ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(name: "A&B"), stepName: "x", lines: Fixtures.twoLines,
            today: Fixtures.today)
        #expect(try TemplateLibrary(templates: [set]).render("p", language: .fr, content: content).text == "A&B|A&B\n")
    }
}

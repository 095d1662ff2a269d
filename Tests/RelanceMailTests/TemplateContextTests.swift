import Foundation
import RelanceCore
import Testing
@testable import RelanceMail

/// The typed context (`TemplateContext`) must render exactly what the dictionary context
/// (`ReminderContent.templateContext`) renders: same names, same values, same absent keys.
@Suite("TemplateContext renders as the dictionary context")
struct TemplateContextTests {
    /// Every documented name, with sections and inverted sections, at the root, nested and inside lists
    /// (where a root name is found by climbing the stack).
    static let everyName = """
        {{language}} {{is_fr}} {{is_en}} {{step.name}} {{step_name}} {{count}} {{is_single}} {{is_several}}
        {{invoice_numbers}} [{{total}}] {{totals_inline}} {{has_several_currencies}} {{any_overdue}} {{max_days_late}}
        {{now_date}} {{deadline_date}} {{deadline_days}} [{{recovery_indemnity}}] [{{recovery_indemnity_total}}]
        {{has_recovery_indemnity}} {{unknown}} {{creditor.unknown}}
        {{overdue_count}} {{is_single_overdue}} {{is_several_overdue}} [{{overdue_numbers}}] [{{overdue_totals_inline}}]
        {{upcoming_count}} {{is_single_upcoming}} {{is_several_upcoming}} [{{upcoming_numbers}}] [{{upcoming_totals_inline}}]
        {{has_upcoming}} {{#overdue_invoices}}late {{number}} {{outstanding}} {{days_late}};{{/overdue_invoices}}
        {{#upcoming_invoices}}upcoming {{number}} {{due}} {{is_overdue}} {{overdue_count}};{{/upcoming_invoices}}
        {{^upcoming_invoices}}nothing upcoming{{/upcoming_invoices}}{{^overdue_invoices}}nothing overdue{{/overdue_invoices}}
        {{creditor.name}} {{creditor.email}} [{{creditor.reply_to}}] [{{creditor.phone}}] [{{creditor.address_inline}}]
        [{{creditor.siren}}] [{{creditor.iban}}] {{creditor.jurisdiction}} {{creditor.is_fr}} {{creditor.is_uk}} {{creditor.is_de}}
        {{#creditor.address}}({{.}}){{/creditor.address}}{{^creditor.address}}no address{{/creditor.address}}
        {{client.id}} {{client.name}} [{{client.contact}}] {{client.greeting}} {{client.formal_greeting}}
        {{client.is_business}} {{client.is_consumer}} [{{client.phone}}] [{{client.address_inline}}]
        {{#client.address}}({{.}}){{/client.address}}{{^client.address}}no address{{/client.address}}
        {{#client.contact}}contact {{client.contact}}{{/client.contact}}{{^client.contact}}no contact{{/client.contact}}
        {{#creditor.iban}}IBAN {{creditor.iban}}{{/creditor.iban}}{{^creditor.iban}}no IBAN{{/creditor.iban}}
        {{#invoices}}
        - {{number}} {{issued}} {{due}} {{amount}} {{paid}} {{outstanding}} {{currency}} {{days_late}} {{days_late_text}}
          {{#is_overdue}}late{{/is_overdue}}{{^is_overdue}}not late{{/is_overdue}} {{#is_partially_paid}}part{{/is_partially_paid}}
          {{client.name}} {{step_name}} {{count}} {{unknown}}
        {{/invoices}}
        {{#totals}}<{{amount}} {{currency}} {{count}} {{language}}>{{/totals}}
        {{#total}}one total {{.}}{{/total}}{{^total}}several totals{{/total}}
        {{#recovery_indemnity}}indemnity {{recovery_indemnity}}{{/recovery_indemnity}}
        {{#step}}{{name}}{{/step}} {{#client}}{{name}} {{id}}{{/client}} {{#creditor}}{{name}} {{language}}{{/creditor}}
        <&> {{{client.name}}} {{&creditor.name}}
        """

    static func contents() -> [ReminderContent] {
        let bare = Creditor(
            name: "Bare & Co <x>", email: Fixtures.address("a@b.example"), replyTo: nil, phone: nil, address: [],
            siren: nil, iban: nil, jurisdiction: .uk)
        let dollars = Invoice(
            number: "US-1", clientID: "C001", issued: Fixtures.date("2026-09-01"), due: Fixtures.date("2026-12-01"),
            amount: Money(minorUnits: 12_345, currency: Currency(code: "USD")!),
            paid: Money(minorUnits: 0, currency: Currency(code: "USD")!))
        var noContact = Fixtures.client(contact: nil, language: .en, kind: .consumer)
        noContact.address = []
        return [
            ReminderContent(
                creditor: Fixtures.creditor, client: Fixtures.client(), stepName: "first", lines: Fixtures.twoLines,
                today: Fixtures.today),
            ReminderContent(
                creditor: bare, client: noContact, stepName: "courtesy",
                lines: [ReminderLine(invoice: dollars, today: Fixtures.today)], today: Fixtures.today),
            ReminderContent(
                creditor: Fixtures.creditor, client: Fixtures.client(name: "O'Brien \"Ltd\"", language: .en),
                stepName: "second",
                lines: Fixtures.twoLines + [ReminderLine(invoice: dollars, today: Fixtures.today)], today: Fixtures.today),
            ShippedTemplatesTests.mixedContent(.fr),
        ]
    }

    @Test(arguments: [false, true]) func everyNameRendersAsWithTheDictionary(html: Bool) throws {
        let set = try TemplateSet(
            language: .fr, name: "all", subject: "{{count}} {{client.name}}", text: Self.everyName,
            html: html ? Self.everyName : nil)
        for content in Self.contents() {
            let typed = set.render(TemplateContext(content))
            let dictionary = set.render(content.templateContext)
            #expect(typed == dictionary)
            #expect(typed.text.contains(content.client.name))
            #expect(!typed.text.contains("Optional"))
        }
    }

    @Test func shippedTemplatesRenderAsWithTheDictionary() throws {
        let library = try TemplateLibrary(directory: Fixtures.shippedTemplates)
        for language in Language.allCases {
            for name in library.names(for: language) {
                for content in Self.contents() {
                    let set = try #require(library.template(name, language: language))
                    #expect(try library.render(name, language: language, content: content) == set.render(content.templateContext))
                }
            }
        }
    }
}

import Foundation
import RelanceCore
import Testing
@testable import RelanceMail

/// A variable the reminder context does not have renders as nothing: loading refuses it, saying where.
@Suite("Unknown template variables")
struct TemplateNameCheckTests {
    private func folder(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("relance-names-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root.path
    }

    /// The problems the checker finds in `source`, as `LINE:COLUMN: message`.
    private func problems(_ source: String) -> [String] {
        TemplateNameChecker().problems(in: source, file: "t").map { "\($0.line ?? 0):\($0.column ?? 0): \($0.message)" }
    }

    @Test func aMisspeltNameIsReportedWithFileLineColumnAndTheClosestName() throws {
        let root = try folder([
            "fr/first-reminder.subject.mustache": "Relance : {{invoice_numbers}}",
            "fr/first-reminder.txt.mustache": "{{client.greeting}}\r\n\r\nMontant total restant dû : {{total_inline}}\r\n",
        ])
        let error = try #require(throws: TemplateLoadError.self) { try TemplateLibrary(directory: root) }
        #expect(error.problems.map(\.description) == [
            root + "/fr/first-reminder.txt.mustache:3:30: unknown variable `total_inline`; did you mean `totals_inline`?",
        ])
    }

    @Test func everyShippedTemplateUsesOnlyKnownNames() throws {
        let library = try TemplateLibrary(directory: Fixtures.shippedTemplates)
        var checked = 0
        for language in Language.allCases {
            for name in library.names(for: language) {
                let set = try #require(library.template(name, language: language))
                for file in [set.subjectFile, set.textFile] + (set.htmlFile.map { [$0] } ?? []) {
                    let source = try String(contentsOfFile: file, encoding: .utf8)
                    #expect(TemplateNameChecker().problems(in: source, file: file).isEmpty, "\(file)")
                    #expect(source.contains("{{"), "\(file) has tags to check")
                    checked += 1
                }
            }
        }
        #expect(checked == 24)
    }

    @Test func aListElementsNameOutsideItsSectionIsReported() {
        #expect(problems("Facture {{number}}\n") == [
            "1:11: unknown variable `number`; it is a field of each element inside {{#invoices}}, {{#overdue_invoices}}, "
                + "{{#upcoming_invoices}}",
        ])
        #expect(problems("{{#invoices}}{{number}}{{/invoices}} {{amount}}") == [
            "1:40: unknown variable `amount`; it is a field of each element inside {{#invoices}}, {{#overdue_invoices}}, "
                + "{{#totals}}, {{#upcoming_invoices}}",
        ])
        // An inverted section renders when there is no element: nothing of an invoice to name there.
        #expect(problems("{{^invoices}}{{number}}{{/invoices}}").count == 1)
        // An object's field at the top level: the dotted name is what was meant.
        #expect(problems("{{iban}}") == ["1:3: unknown variable `iban`; did you mean `creditor.iban`?"])
    }

    @Test func sectionsOpenTheirElementsNamesAndTheRootStaysKnown() {
        let source = """
            {{#invoices}}- {{number}} {{outstanding}} {{client.name}} {{count}} {{.}}{{#is_overdue}}{{days_late_text}}{{/is_overdue}}
            {{/invoices}}{{#overdue_invoices}}{{due}}{{/overdue_invoices}}{{#upcoming_invoices}}{{due}}{{/upcoming_invoices}}
            {{#totals}}{{amount}} {{currency}} {{count}} {{language}}{{/totals}}
            {{#creditor}}{{iban}} {{name}}{{#address}}{{.}}{{/address}}{{/creditor}} {{#client}}{{formal_greeting}}{{/client}}
            {{#creditor.address}}{{.}}{{/creditor.address}} {{#step}}{{name}}{{/step}} {{step.name}}
            {{#total}}{{.}}{{/total}} {{{client.name}}} {{& creditor.name }} {{#invoices}}{{.number}}{{/invoices}}
            {{! a comment naming nothing_known }}{{% CONTENT_TYPE: TEXT}}{{> partial}}{{$block}}{{now_date}}{{/block}}
            """
        #expect(problems(source).isEmpty)
    }

    @Test func aDottedNameIsCheckedPartByPart() {
        #expect(problems("IBAN {{creditor.ibna}}") == ["1:17: `creditor` has no field `ibna`; did you mean `iban`?"])
        #expect(problems("{{creditor.address.town}}") == ["1:20: `creditor.address` has no field `town`"])
        #expect(problems("{{client.nmae}}") == ["1:10: `client` has no field `nmae`; did you mean `name`?"])
        // A leading dot looks at the current element only: no climbing to the root.
        #expect(problems("{{#invoices}}{{.language}}{{/invoices}}").count == 1)
    }

    @Test func everyUnknownNameOfAFileIsReportedAndTripleAndAmpersandTagsToo() {
        #expect(problems("{{{clent.name}}}\n{{&totl}}\n{{#invoice}}{{/invoice}}\n{{#invoices}}{{numbr}}{{/invoices}}") == [
            "1:4: unknown variable `clent`; did you mean `client`?",
            "2:4: unknown variable `totl`; did you mean `total`?",
            "3:4: unknown variable `invoice`; did you mean `invoices`?",
            "4:16: unknown variable `numbr`; did you mean `number`?",
        ])
    }

    @Test func aSourceWithOtherDelimitersIsNotGuessedAt() {
        #expect(problems("{{=<% %>=}}<% nonsense %> {{ also_nonsense }}").isEmpty)
    }

    @Test func aByteOrderMarkDoesNotShiftColumns() throws {
        let root = try folder([
            "en/a.subject.mustache": "\u{FEFF}Hello {{langage}}",
            "en/a.txt.mustache": "Text",
        ])
        let error = try #require(throws: TemplateLoadError.self) { try TemplateLibrary(directory: root) }
        #expect(error.problems.map(\.description) == [
            root + "/en/a.subject.mustache:1:9: unknown variable `langage`; did you mean `language`?",
        ])
    }
}

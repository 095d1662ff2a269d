import Foundation
import RelanceCore
import RelanceTestSupport
import Testing

@testable import RelanceMail

/// Property-based tests of the template renderer and the message composer (issue 7, point 4).
///
/// - `RELANCE_FUZZ_ITERATIONS` (default 300): cases per property.
/// - `RELANCE_FUZZ_SEED`: replays a run; each test prints the seed it used.
///
/// Properties: hostile client and invoice data, rendered through every shipped template in both
/// languages, never adds a header, never breaks the CRLF framing, never expands as a template (the
/// creditor's IBAN appears exactly as often as with harmless data), and never leaves a raw CR, LF or
/// NUL in a header. Random template sources either load with a `TemplateError` naming their file, or
/// load and render without crashing.
@Suite struct TemplateRendererFuzzTests {
    static let iterations = FuzzGenerator.integer("RELANCE_FUZZ_ITERATIONS", default: 300)

    /// Pieces that have broken mail software before: template syntax, header syntax, line breaks,
    /// NUL, encoded words, HTML, bidi and line-separator characters, combining marks, emoji.
    static let hostile = [
        "{{", "}}", "{{creditor.iban}}", "{{#invoices}}", "{{/invoices}}", "{{{client.name}}}", "{{>x}}",
        "{{=<% %>=}}", "\r\n", "\r", "\n", "\r\nBcc: victim@evil.example", "\n\nbody", "\u{0}", "\t",
        "=?utf-8?b?DQpCY2M6IHg=?=", "=0D=0A", "%0d%0a", "<script>", "&amp;", "\"", "'", "\u{2028}",
        "\u{2029}", "\u{202E}", "\u{FEFF}", "e\u{301}", "👩‍👩‍👧", "Été", "€", ":", ";", ",", "<x@y>",
    ]

    static func hostileString(using rng: inout FuzzGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 1...12, using: &rng) {
            if Int.random(in: 0..<4, using: &rng) == 0 {
                text += String(repeating: "A", count: Int.random(in: 1...400, using: &rng))
            } else {
                text += hostile.randomElement(using: &rng)!
            }
        }
        return text
    }

    private func compose(
        _ composer: MessageComposer, template: String, language: Language, name: String, contact: String,
        numbers: [String]
    ) throws -> ComposedMessage {
        let client = Client(
            id: "C001", name: name, contact: contact, emails: [Fixtures.address("compta@boulangerie-martin.fr")],
            language: language, scheduleName: "standard", address: [name, contact])
        let lines = numbers.enumerated().map { index, number in
            ReminderLine(
                invoice: Fixtures.invoice(number, amount: "\(100 + index).50", due: "2026-10-2\(index % 10)"),
                today: Fixtures.today)
        }
        return try composer.compose(
            creditor: Fixtures.creditor, client: client, template: template, stepName: "first", lines: lines,
            today: Fixtures.today, date: Fixtures.instant, timeZone: Fixtures.paris,
            messageID: "relance-1@atelier-dupont.fr")
    }

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func hostileDataNeverAddsAHeaderNorExpandsAsATemplate() throws {
        var rng = FuzzGenerator.seeded(for: "hostileDataNeverAddsAHeaderNorExpandsAsATemplate")
        let composer = MessageComposer(library: try TemplateLibrary(directory: Fixtures.shippedTemplates))
        let templates = ["courtesy", "first-reminder", "second-reminder", "formal-notice"]
        let iban = "FR76 3000 6000 0112 3456 7890 189"
        var composed = 0
        var harmlessMessages: [String: ComposedMessage] = [:]
        for _ in 0..<Self.iterations {
            let template = templates.randomElement(using: &rng)!
            let language: Language = Bool.random(using: &rng) ? .fr : .en
            let count = Int.random(in: 1...3, using: &rng)
            let numbers = (0..<count).map { _ in Self.hostileString(using: &rng) }
            let message = try compose(
                composer, template: template, language: language, name: Self.hostileString(using: &rng),
                contact: Self.hostileString(using: &rng), numbers: numbers)
            let key = "\(template)/\(language)/\(count)"
            let harmless = try harmlessMessages[key] ?? compose(
                composer, template: template, language: language, name: "Client", contact: "M. Client",
                numbers: (0..<count).map { "F-\($0)" })
            harmlessMessages[key] = harmless
            let parsed = ParsedMessage(message.bytes)
            #expect(parsed.names == ParsedMessage(harmless.bytes).names, "a header was added or lost")
            #expect(!parsed.names.contains { $0.lowercased() == "bcc" })
            #expect(hasOnlyCRLF(message.bytes), "bare CR or LF in \(template)/\(language)")
            #expect(parsed.headerLines.allSatisfy { $0.utf8.count <= 998 && !$0.utf8.contains(0) })
            let subject = HeaderEncoder.decode(try #require(parsed.value("Subject")))
            #expect(!subject.contains { $0 == "\r" || $0 == "\n" || $0 == "\u{0}" })
            #expect(message.recipients.map(\.value) == ["compta@boulangerie-martin.fr"])
            let parts = decodedParts(message.bytes)
            let harmlessParts = decodedParts(harmless.bytes)
            #expect(occurrences(of: iban, in: parts["plain"] ?? "") == occurrences(of: iban, in: harmlessParts["plain"] ?? ""),
                "data expanded as a template in \(template)/\(language)")
            if let html = parts["html"] {
                #expect(!html.contains("<script>"), "HTML part did not escape data")
                #expect(occurrences(of: iban, in: html) == occurrences(of: iban, in: harmlessParts["html"] ?? ""))
            }
            composed += 1
        }
        print("template fuzz: \(composed) messages composed from hostile data")
    }

    /// Mustache fragments, balanced or not, nested deeply or not.
    static let fragments = [
        "{{", "}}", "{{{", "}}}", "{{client.name}}", "{{#invoices}}", "{{/invoices}}", "{{^invoices}}",
        "{{#a}}", "{{/a}}", "{{/b}}", "{{>partial}}", "{{! comment }}", "{{=<% %>=}}", "<%x%>", "{{&total}}",
        "{{.}}", "{{ }}", "{{#}}", "text", "\n", "\r\n", "é", "\u{0}", "{{number}}", "{{creditor.iban}}",
    ]

    @Test func randomTemplateSourcesFailCleanlyOrRender() throws {
        var rng = FuzzGenerator.seeded(for: "randomTemplateSourcesFailCleanlyOrRender")
        let content = ReminderContent(
            creditor: Fixtures.creditor, client: Fixtures.client(), stepName: "first", lines: Fixtures.twoLines,
            today: Fixtures.today)
        var loaded = 0
        var refused = 0
        for iteration in 0..<Self.iterations {
            var source = ""
            if iteration % 10 == 0 {
                let depth = Int.random(in: 1...300, using: &rng)
                // A section over an object enters it once: deep, not exponential.
                source = String(repeating: "{{#client}}", count: depth) + "{{name}}"
                    + String(repeating: "{{/client}}", count: Int.random(in: depth - 1...depth, using: &rng))
            } else {
                for _ in 0..<Int.random(in: 0...30, using: &rng) { source += Self.fragments.randomElement(using: &rng)! }
            }
            do {
                let set = try TemplateSet(language: .fr, name: "fuzz", subject: "s", text: source, html: source)
                let rendered = try TemplateLibrary(templates: [set]).render("fuzz", language: .fr, content: content)
                #expect(rendered.subject == "s")
                loaded += 1
            } catch let error as TemplateError {
                #expect(error.file.hasPrefix("fr/fuzz."), "the error names its file: \(error)")
                #expect(!error.message.isEmpty)
                refused += 1
            }
        }
        print("template fuzz: \(loaded) random templates rendered, \(refused) refused with a located error")
        #expect(loaded > 0 && refused > 0, "the generator should produce both kinds")
    }
}

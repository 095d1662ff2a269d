import Foundation
import Mustache
import RelanceCore

/// The three files of one template in one language: subject, plain text and optional HTML.
///
/// Subject and text are rendered without any escaping (they are not HTML); the HTML body escapes
/// every value (`<`, `>`, `&`, `"`, `'`), as Mustache does by default. Values are always data:
/// a client called `{{creditor.iban}}` is printed as those characters, never expanded. Partials
/// (`{{> name}}`) are not supported and render as nothing.
public struct TemplateSet: Sendable {
    /// The language folder it came from.
    public let language: Language
    /// The template name (`first-reminder`).
    public let name: String
    /// Where each part came from, for error messages.
    public let subjectFile: String
    public let textFile: String
    public let htmlFile: String?

    let subject: MustacheTemplate
    let text: MustacheTemplate
    let html: MustacheTemplate?

    /// Parses the three sources. `files` name them in errors; by default `fr/name.subject.mustache`
    /// and so on.
    public init(
        language: Language, name: String, subject: String, text: String, html: String? = nil,
        files: (subject: String, text: String, html: String)? = nil
    ) throws {
        let base = language.rawValue + "/" + name
        let names = files ?? (base + ".subject.mustache", base + ".txt.mustache", base + ".html.mustache")
        self.language = language
        self.name = name
        self.subjectFile = names.subject
        self.textFile = names.text
        self.htmlFile = html == nil ? nil : names.html
        self.subject = try TemplateSet.parse(subject, file: names.subject, escapingHTML: false)
        self.text = try TemplateSet.parse(text, file: names.text, escapingHTML: false)
        self.html = try html.map { try TemplateSet.parse($0, file: names.html, escapingHTML: true) }
    }

    /// Renders the three parts with a Mustache context (dictionaries or ``TemplateContext``, arrays,
    /// strings, numbers, booleans).
    func render(_ context: Any) -> RenderedTemplate {
        RenderedTemplate(
            subject: TemplateSet.singleLine(subject.render(context)),
            text: TemplateSet.tidy(text.render(context), trimTrailingSpaces: true),
            html: html.map { TemplateSet.tidy($0.render(context), trimTrailingSpaces: false) })
    }

    /// The pragma that turns HTML escaping off; it sits alone on a line added before the source,
    /// so Mustache drops that line and positions are shifted back by one in errors.
    private static let textPragma = "{{% CONTENT_TYPE: TEXT}}\n"

    private static func parse(_ source: String, file: String, escapingHTML: Bool) throws -> MustacheTemplate {
        var body = source.replacingLineBreaks(with: "\n")
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        do {
            return try MustacheTemplate(string: escapingHTML ? body : textPragma + body)
        } catch let error as MustacheTemplate.ParserError {
            let line = error.context.lineNumber - (escapingHTML ? 0 : 1)
            throw TemplateError(
                file: file, line: max(1, line), column: error.context.columnNumber,
                message: describe(error.error) + " near \"" + error.context.line.trimmingCharacters(in: .whitespaces) + "\"")
        }
    }

    private static func describe(_ error: Error) -> String {
        let name = String(describing: error)
        return messages[name] ?? name
    }

    private static let messages: [String: String] = [
        "sectionCloseNameIncorrect": "section closed with a different name than it was opened with",
        "unfinishedName": "unfinished tag",
        "expectedSectionEnd": "section not closed",
        "invalidSetDelimiter": "malformed set-delimiter tag",
        "transformAppliedToInheritanceSection": "transform applied to an inheritance section",
        "illegalTokenInsideInheritSection": "illegal tag inside an inheritance section",
        "textInsideInheritSection": "text inside an inheritance section",
        "invalidConfigVariableSyntax": "malformed pragma",
        "unrecognisedConfigVariable": "unknown pragma",
    ]

    /// Line breaks and control characters become spaces, runs of spaces one space, ends trimmed.
    /// No-break spaces (inside amounts) are kept.
    static func singleLine(_ text: String) -> String {
        HeaderEncoder.sanitize(text.replacingLineBreaks(with: " ")).split(separator: " ").joined(separator: " ")
    }
}

import Foundation
import RelanceCore

/// The message templates of every language, parsed once (at start-up and on SIGHUP).
///
/// Layout, per the contract: `<root>/<language>/<name>.subject.mustache`, `<name>.txt.mustache`
/// and optionally `<name>.html.mustache`. Other files are ignored.
public struct TemplateLibrary: Sendable {
    /// The folder the templates were read from, if any.
    public let directory: String?
    private let sets: [Language: [String: TemplateSet]]
    /// Each template's sources as read (`fr/first-reminder` → subject, text and HTML joined), to tell a
    /// reload what changed.
    private let sources: [String: String]
    /// The templates (by name, any language) whose sources mention `earlier_reminder`.
    private let earlierReminderUsers: Set<String>

    /// Templates built in memory (tests, embedded defaults).
    public init(templates: [TemplateSet]) {
        var sets: [Language: [String: TemplateSet]] = [:]
        for set in templates { sets[set.language, default: [:]][set.name] = set }
        self.directory = nil
        self.sets = sets
        self.sources = [:]
        earlierReminderUsers = Set(templates.map(\.name))  // no sources to look in: every one may use it
    }

    /// Reads every template under `directory`. Throws ``TemplateLoadError`` listing each problem:
    /// a file unreadable or not UTF-8, a Mustache syntax error (with line and column), a subject without
    /// its text or the reverse, a missing folder, and every variable the reminder context does not have
    /// where it is used (with line, column and the closest known name: ``TemplateNameChecker``), which
    /// would render as nothing.
    public init(directory: String) throws {
        let fileManager = FileManager()
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TemplateLoadError(problems: [TemplateError(file: directory, message: "templates folder not found")])
        }
        var sets: [Language: [String: TemplateSet]] = [:]
        var sources: [String: String] = [:]
        var problems: [TemplateError] = []
        for language in Language.allCases {
            let folder = (directory as NSString).appendingPathComponent(language.rawValue)
            guard let entries = try? fileManager.contentsOfDirectory(atPath: folder) else { continue }
            for name in Self.templateNames(in: entries) {
                let base = (folder as NSString).appendingPathComponent(name)
                let files = (subject: base + ".subject.mustache", text: base + ".txt.mustache", html: base + ".html.mustache")
                do {
                    let subject = try Self.read(files.subject)
                    let text = try Self.read(files.text)
                    let html = entries.contains(name + ".html.mustache") ? try Self.read(files.html) : nil
                    let set = try TemplateSet(
                        language: language, name: name, subject: subject, text: text, html: html, files: files)
                    let unknown = Self.unknownNames(in: [(subject, files.subject), (text, files.text)]
                        + (html.map { [($0, files.html)] } ?? []))
                    problems += unknown
                    if unknown.isEmpty { sets[language, default: [:]][name] = set }
                    sources[language.rawValue + "/" + name] = [subject, text, html ?? ""].joined(separator: "\u{0}")
                } catch let error as TemplateError {
                    problems.append(error)
                }
            }
        }
        guard problems.isEmpty else { throw TemplateLoadError(problems: problems) }
        self.directory = directory
        self.sets = sets
        self.sources = sources
        earlierReminderUsers = Set(sources.filter { $0.value.contains("earlier_reminder") }.keys.map {
            String($0.drop { $0 != "/" }.dropFirst())
        })
    }

    /// The templates (`fr/first-reminder`) added (`+`), removed (`-`) or edited (`~`) since `earlier`,
    /// sorted by name: what a reload's `config.reloaded` line reports besides the config.
    public func changes(since earlier: TemplateLibrary) -> [String] {
        let names = Set(sources.keys).union(earlier.sources.keys).sorted()
        return names.compactMap { name in
            switch (earlier.sources[name], sources[name]) {
            case (nil, _?): return "+" + name
            case (_?, nil): return "-" + name
            case (let before?, let now?) where before != now: return "~" + name
            default: return nil
            }
        }
    }

    /// Whether `name` exists in `language`.
    public func contains(_ name: String, language: Language) -> Bool { sets[language]?[name] != nil }

    /// Whether the template `name` (any part, any language) uses `earlier_reminders` or its `has_…`
    /// forms: that value costs a store read, made only for the templates that use it (decided at load).
    public func usesEarlierReminders(_ name: String) -> Bool { earlierReminderUsers.contains(name) }

    /// The template names of a language, sorted.
    public func names(for language: Language) -> [String] { (sets[language] ?? [:]).keys.sorted() }

    /// The template `name` in `language`, if it exists.
    public func template(_ name: String, language: Language) -> TemplateSet? { sets[language]?[name] }

    /// Renders `name` in `language` with the content of a reminder.
    /// The values are looked up in a typed ``TemplateContext`` (the names of ``ReminderContent/templateContext``).
    public func render(_ name: String, language: Language, content: ReminderContent) throws -> RenderedTemplate {
        try templateSet(name, language: language).render(TemplateContext(content))
    }

    /// Renders `name` in `language` with a raw Mustache context (dictionaries, arrays, strings,
    /// numbers, booleans).
    public func render(_ name: String, language: Language, context: [String: Any]) throws -> RenderedTemplate {
        try templateSet(name, language: language).render(context)
    }

    /// The template `name` in `language`, or ``TemplateError`` naming the file that is missing.
    private func templateSet(_ name: String, language: Language) throws -> TemplateSet {
        guard let set = sets[language]?[name] else {
            let root = directory.map { $0 + "/" } ?? ""
            throw TemplateError(
                file: root + language.rawValue + "/" + name + ".subject.mustache",
                message: "no template \(name.debugDescription) for language \(language.rawValue)")
        }
        return set
    }

    /// The unknown variables of each (source, file), as the Mustache parser sees the source.
    private static func unknownNames(in sources: [(source: String, file: String)]) -> [TemplateError] {
        let checker = TemplateNameChecker()
        return sources.flatMap { source, file in
            var body = source.replacingLineBreaks(with: "\n")
            if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
            return checker.problems(in: body, file: file)
        }
    }

    /// Names with at least one of the three files, sorted.
    private static func templateNames(in entries: [String]) -> [String] {
        var names = Set<String>()
        for entry in entries {
            for suffix in [".subject.mustache", ".txt.mustache", ".html.mustache"] where entry.hasSuffix(suffix) {
                let name = String(entry.dropLast(suffix.count))
                if !name.isEmpty && !name.hasPrefix(".") { names.insert(name) }
            }
        }
        return names.sorted()
    }

    private static func read(_ path: String) throws -> String {
        guard let data = FileManager().contents(atPath: path) else {
            let exists = FileManager().fileExists(atPath: path)
            throw TemplateError(file: path, message: exists ? "cannot read the file" : "missing (every template needs a subject and a text file)")
        }
        guard let text = String(bytes: data, encoding: .utf8) else {
            throw TemplateError(file: path, message: "not valid UTF-8")
        }
        return text
    }
}

/// A problem with one template file, located as precisely as known:
/// `templates/fr/courtesy.txt.mustache:12:5: unexpected end of section`.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's path (absolute when loaded from a folder).
    public var file: String
    /// 1-based line, when the Mustache parser reports one.
    public var line: Int?
    /// 1-based column, when the Mustache parser reports one.
    public var column: Int?
    /// What is wrong, for a person.
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE:COLUMN: message`, or `FILE: message` when no position is known.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return location + ": " + message
    }
}

/// Every problem found while loading a folder of templates: the first syntax or reading error of each
/// template, or each unknown variable of its files.
public struct TemplateLoadError: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var problems: [TemplateError]

    public init(problems: [TemplateError]) { self.problems = problems }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

import Yams

/// Turns the errors Yams throws while composing a document into positioned diagnostics.
enum YAMLSyntaxErrors {
    static func report(_ error: YamlError, yaml: String, log: DiagnosticLog) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context, context.mark.line != mark.line || context.mark.column != mark.column {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            if character(at: Position(mark), in: yaml) == "\t" {
                message += "; YAML does not allow tabs for indentation, use spaces"
            }
            log.error(message, at: Position(mark))
        case .reader(let problem, let offset, _, _):
            log.error(
                "cannot read the YAML text: \(problem)",
                at: offset.map { position(ofCharacter: $0, in: yaml) })
        case .duplicatedKeysInMapping(let duplicates, let context):
            let first = Position(context.mark)
            for key in duplicates {
                let second = secondOccurrence(of: key, after: first, in: yaml)
                let seen = second == nil ? "" : " (first at line \(first.line), column \(first.column))"
                log.error("duplicate key `\(key)`\(seen)", at: second ?? first)
            }
        default:
            log.error("cannot parse the YAML text: \(error)", at: .start)
        }
    }

    /// The Unicode scalar at a position, if the text has one there.
    static func character(at position: Position, in text: String) -> Unicode.Scalar? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard position.line >= 1, position.line <= lines.count else { return nil }
        let scalars = Array(lines[position.line - 1].unicodeScalars)
        guard position.column >= 1, position.column <= scalars.count else { return nil }
        return scalars[position.column - 1]
    }

    /// The line and column of the character at `offset`.
    static func position(ofCharacter offset: Int, in text: String) -> Position {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return Position(line: line, column: column)
    }

    /// Best effort, for block mappings: the next line after `first` that starts, at the same
    /// column, with the same key, before the mapping ends (a line indented less). Yams reports
    /// only the first occurrence; the second is the one to point at.
    static func secondOccurrence(of key: String, after first: Position, in yaml: String) -> Position? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let keyForms = [key, "\"\(key)\"", "'\(key)'"]
        var index = first.line  // 0-based index of the line after the first occurrence
        while index < lines.count {
            let scalars = lines[index].unicodeScalars
            index += 1
            let indent = scalars.prefix { $0 == " " }.count
            let rest = String(String.UnicodeScalarView(scalars.dropFirst(indent)))
            if rest.isEmpty || rest.hasPrefix("#") || rest == "\r" { continue }
            if indent + 1 < first.column { return nil }  // the mapping has ended
            guard indent + 1 == first.column else { continue }  // deeper: a nested value
            for form in keyForms where rest.hasPrefix(form) {
                if rest.dropFirst(form.count).drop(while: { $0 == " " }).hasPrefix(":") {
                    return Position(line: index, column: first.column)
                }
            }
        }
        return nil
    }
}

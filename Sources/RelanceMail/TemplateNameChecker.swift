import RelanceCore

/// Finds the names a template uses that its context does not have: a misspelt `{{total_inline}}` renders
/// as nothing ("Montant total restant dû :" and a blank), so a template naming one is refused when it is
/// loaded, with the file, line and column of the name and the closest known name.
///
/// A name is known when a level of the context open at that place has it, as Mustache looks a name up
/// from the innermost section out: the root's names everywhere, an invoice's inside `{{#invoices}}`, a
/// creditor's inside `{{#creditor}}`. After a dot, only the names of what comes before it count
/// (`creditor.iban`). `{{.}}` is the current element. A source that sets other delimiters is not checked.
struct TemplateNameChecker: Sendable {
    /// The names of the root level and of the levels below it.
    let vocabulary: TemplateScope

    init(vocabulary: TemplateScope = TemplateContext.vocabulary) { self.vocabulary = vocabulary }

    /// One error per unknown name of `source` (line breaks `\n`), in order, located in `file`.
    func problems(in source: String, file: String) -> [TemplateError] {
        guard let tags = MustacheTag.scan(source) else { return [] }
        // What each open section pushed: a level of the context, or nil when it pushes nothing names
        // can be found in (an inverted section, a flag, a string, a block).
        var stack: [TemplateScope?] = [vocabulary]
        var problems: [TemplateError] = []
        for tag in tags {
            switch tag.kind {
            case .close:
                if stack.count > 1 { stack.removeLast() }
            case .block:
                stack.append(nil)
            case .variable, .section, .invertedSection:
                var opened: TemplateScope?
                switch resolve(tag.name, in: stack) {
                case .success(let member):
                    if case .object(let scope) = member { opened = scope }
                    if case .list(let scope) = member { opened = scope }
                case .failure(let unknown):
                    problems.append(TemplateError(
                        file: file, line: tag.line, column: tag.column + unknown.offset, message: unknown.message))
                }
                if tag.kind == .section { stack.append(opened) }
                if tag.kind == .invertedSection { stack.append(nil) }
            }
        }
        return problems
    }

    /// An unknown name: what to say, and where it starts in the tag's name.
    struct Unknown: Error {
        var message: String
        var offset: Int
    }

    /// What `name` holds at the place whose open levels are `stack` (innermost last), or why it is unknown.
    func resolve(_ name: String, in stack: [TemplateScope?]) -> Result<TemplateScope.Member?, Unknown> {
        // `.` is the current element; an empty name is a transform of the list element (`{{#first()}}`).
        if name == "." || name.isEmpty { return .success(nil) }
        var parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var offset = 0
        var levels = stack.compactMap { $0 }.reversed().map { $0 }
        if parts.first == "" {
            // `.name` looks in the current element only.
            parts.removeFirst()
            offset = 1
            levels = Array(levels.prefix(1))
        }
        guard let first = parts.first, !first.isEmpty else { return .success(nil) }
        guard var member = levels.lazy.compactMap({ $0.members[first] }).first else {
            let visible = Set(levels.flatMap(\.names)).sorted()
            return .failure(Unknown(message: unknownMessage(first, among: visible), offset: offset))
        }
        var path = first
        offset += first.count + 1
        for part in parts.dropFirst() {
            guard case .object(let scope) = member else {
                return .failure(Unknown(message: "`\(path)` has no field `\(part)`", offset: offset))
            }
            guard let next = scope.members[part] else {
                return .failure(Unknown(
                    message: "`\(path)` has no field `\(part)`" + Suggestion.hint(for: part, among: scope.names), offset: offset))
            }
            member = next
            path += "." + part
            offset += part.count + 1
        }
        return .success(member)
    }

    /// "unknown variable `x`", with where the name is known if it is elsewhere (the field of an object,
    /// `creditor.iban`, or of each element inside a list's section, `{{#invoices}}`), else the closest name
    /// known here.
    private func unknownMessage(_ name: String, among visible: [String]) -> String {
        let message = "unknown variable `\(name)`"
        let places = vocabulary.places(having: name)
        let fields = places.filter { !$0.isList }.map { "`\($0.path).\(name)`" }
        let lists = places.filter(\.isList).map { "{{#\($0.path)}}" }
        var hints: [String] = []
        if !fields.isEmpty { hints.append("did you mean " + fields.joined(separator: " or ") + "?") }
        if !lists.isEmpty { hints.append("it is a field of each element inside " + lists.joined(separator: ", ")) }
        if hints.isEmpty, let close = Suggestion.closest(to: name, among: visible) { hints.append("did you mean `\(close)`?") }
        return ([message] + hints).joined(separator: "; ")
    }
}

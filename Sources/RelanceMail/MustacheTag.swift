/// One tag of a Mustache source with the default `{{ }}` delimiters, as far as checking its names needs:
/// what it does and the name it looks up, with where that name is written.
///
/// The Mustache library keeps its parsed tokens to itself, so the templates are scanned again here,
/// after the library has parsed them without error (sections are balanced).
struct MustacheTag: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// `{{name}}`, `{{{name}}}`, `{{&name}}`.
        case variable
        /// `{{#name}}`.
        case section
        /// `{{^name}}`.
        case invertedSection
        /// `{{$name}}` (a block) or `{{<name}}` (a parent partial): opens something `{{/name}}` closes,
        /// whose name is not a variable.
        case block
        /// `{{/name}}`.
        case close
    }

    var kind: Kind
    /// The name looked up: `client.name`, `.`, `.number`; inside a transform (`uppercased(client.name)`)
    /// the transform's argument, empty for a transform of the list element (`{{#first()}}`).
    var name: String
    /// 1-based line and column of the name's first character.
    var line: Int
    var column: Int

    /// The tags of `source` (line breaks already `\n`) in order, comments, pragmas (`{{% … }}`) and
    /// partials (`{{> … }}`) left out; `nil` when the source sets other delimiters (`{{=<% %>=}}`), which
    /// this scanner does not follow.
    static func scan(_ source: String) -> [MustacheTag]? {
        let characters = Array(source)
        var tags: [MustacheTag] = []
        var index = 0
        var line = 1
        var column = 1
        func advance() {
            if characters[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        /// Whether the two characters at `index` are `pair`'s (`{{` or `}}`).
        func at(_ pair: (Character, Character)) -> Bool {
            index + 1 < characters.count && characters[index] == pair.0 && characters[index + 1] == pair.1
        }
        while index < characters.count {
            guard at(("{", "{")) else {
                advance()
                continue
            }
            advance()
            advance()
            let triple = index < characters.count && characters[index] == "{"
            var sigil: Character?
            if triple {
                advance()
            } else if index < characters.count, "#^/!&><$=%".contains(characters[index]) {
                sigil = characters[index]
                advance()
            }
            if sigil == "=" { return nil }
            // The content runs to the first `}}` (a name cannot hold one; a comment ends there).
            var content: [(character: Character, line: Int, column: Int)] = []
            while index < characters.count && !at(("}", "}")) {
                content.append((characters[index], line, column))
                advance()
            }
            if index < characters.count {
                advance()
                advance()
                if triple && index < characters.count && characters[index] == "}" { advance() }
            }
            let kind: Kind
            switch sigil {
            case nil, "&": kind = .variable
            case "#": kind = .section
            case "^": kind = .invertedSection
            case "/": kind = .close
            case "$", "<": kind = .block
            default: continue  // `!` comment, `%` pragma, `>` partial
            }
            tags.append(tag(kind, content))
        }
        return tags
    }

    /// The tag of `kind` whose content between the delimiters (and its sigil) is `content`: its name
    /// trimmed, the argument of a transform taken.
    private static func tag(_ kind: Kind, _ content: [(character: Character, line: Int, column: Int)]) -> MustacheTag {
        var start = 0
        var end = content.count
        while start < end && content[start].character.isWhitespace { start += 1 }
        while end > start && content[end - 1].character.isWhitespace { end -= 1 }
        if let open = content[start..<end].lastIndex(where: { $0.character == "(" }) {
            start = open + 1
            end = content[start..<end].firstIndex(where: { $0.character == ")" }) ?? end
        }
        let name = String(content[start..<end].map(\.character))
        let position = start < content.count ? content[start] : content.last
        return MustacheTag(kind: kind, name: name, line: position?.line ?? 1, column: position?.column ?? 1)
    }
}

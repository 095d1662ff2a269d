import RelanceCore

/// Reads one YAML mapping of the config: typed values with their positions, and a diagnostic for
/// every missing, unknown or mistyped key.
struct MappingReader {
    struct Entry {
        let key: String
        let keyNode: ConfigNode
        let value: ConfigNode
        /// Where a problem with the value is reported.
        var valuePosition: Position { value.position }
    }

    /// Dotted path of the mapping for messages (`smtp`, `clients[2]`); empty for the root.
    let path: String
    /// Where "missing key" problems are reported.
    let position: Position?
    /// The mapping's pairs as composed (keys that are not scalars were reported and are skipped).
    private let pairs: [(key: ConfigNode, value: ConfigNode)]
    let log: DiagnosticLog

    /// The entries in file order.
    var entries: [Entry] {
        pairs.compactMap { key, value in
            guard case .scalar(let scalar) = key else { return nil }
            return Entry(key: scalar.string, keyNode: key, value: value)
        }
    }

    /// Reads `node` as a mapping, or reports that it is not one.
    init?(_ node: ConfigNode, path: String, position: Position? = nil, log: DiagnosticLog) {
        guard case .mapping(let mapping) = node else {
            let name = path.isEmpty ? "the config" : "`\(path)`"
            log.error("\(name) must be a mapping of keys, found \(node.kindDescription)", at: node.position)
            return nil
        }
        for (key, _) in mapping.pairs {
            if case .scalar = key { continue }
            log.error("keys must be plain names, found \(key.kindDescription)", at: key.position)
        }
        self.path = path
        self.position = position ?? node.position
        self.pairs = mapping.pairs
        self.log = log
    }

    /// The full name of a key, for messages: `smtp.url`.
    func qualified(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Reports every key that is not in `allowed`, with a hint when it looks like a typo.
    /// `explanations` replaces the generic message for keys that are refused on purpose.
    func rejectUnknownKeys(allowed: [String], explanations: [String: String] = [:]) {
        for (key, value) in pairs {
            guard case .scalar(let scalar) = key, !allowed.contains(scalar.string) else { continue }
            let entry = Entry(key: scalar.string, keyNode: key, value: value)
            if let why = explanations[entry.key] {
                log.error(why, at: entry.keyNode.position)
                continue
            }
            let place = path.isEmpty ? "" : " in `\(path)`"
            let hint = Suggestion.hint(for: entry.key, among: allowed)
            log.error("unknown key `\(entry.key)`\(place)\(hint)", at: entry.keyNode.position)
        }
    }

    /// The entry for `key`; a null value counts as absent. Reports a missing required key.
    func entry(_ key: String, required: Bool = false) -> Entry? {
        var found: Entry?
        for (keyNode, value) in pairs {
            if case .scalar(let scalar) = keyNode, scalar.string == key {
                found = Entry(key: key, keyNode: keyNode, value: value)
                break
            }
        }
        guard let entry = found else {
            if required {
                let place = path.isEmpty ? "" : " in `\(path)`"
                log.error("missing required key `\(key)`\(place)", at: position)
            }
            return nil
        }
        if entry.value.isNull {
            if required { log.error("`\(qualified(key))` needs a value", at: entry.keyNode.position) }
            return nil
        }
        return entry
    }

    /// A scalar read as text (numbers keep their written form). Required text must not be empty.
    func text(_ key: String, required: Bool = false) -> Located<String>? {
        guard let entry = entry(key, required: required) else { return nil }
        guard let text = Self.scalarText(entry.value, name: qualified(key), log: log) else { return nil }
        if required && text.value.isBlank {
            log.error("`\(qualified(key))` must not be empty", at: text.position)
            return nil
        }
        return text
    }

    /// A whole number, at least `minimum` and at most `maximum` when given (a value past any sensible one,
    /// such as ten years of days, would overflow the date and time arithmetic it feeds).
    func integer(_ key: String, required: Bool = false, minimum: Int? = nil, maximum: Int? = nil) -> Located<Int>? {
        guard let entry = entry(key, required: required) else { return nil }
        let name = qualified(key)
        guard case .scalar(let scalar) = entry.value, scalar.kind == .int else {
            log.error(
                "`\(name)` must be an integer, found \(entry.value.kindDescription)", at: entry.valuePosition)
            return nil
        }
        guard let value = entry.value.int else {
            log.error("`\(name)` is out of range", at: entry.valuePosition)
            return nil
        }
        if let minimum, value < minimum {
            log.error("`\(name)` must be at least \(minimum), found \(value)", at: entry.valuePosition)
            return nil
        }
        if let maximum, value > maximum {
            log.error("`\(name)` must be at most \(maximum), found \(value)", at: entry.valuePosition)
            return nil
        }
        return Located(value: value, position: entry.valuePosition)
    }

    /// `true` or `false`.
    func boolean(_ key: String) -> Located<Bool>? {
        guard let entry = entry(key) else { return nil }
        guard let value = entry.value.bool else {
            log.error(
                "`\(qualified(key))` must be true or false, found \(entry.value.kindDescription)",
                at: entry.valuePosition)
            return nil
        }
        return Located(value: value, position: entry.valuePosition)
    }

    /// The items of a list.
    func list(_ key: String, required: Bool = false) -> (entry: Entry, items: [ConfigNode])? {
        guard let entry = entry(key, required: required) else { return nil }
        guard case .sequence(let sequence) = entry.value else {
            log.error(
                "`\(qualified(key))` must be a list, found \(entry.value.kindDescription)",
                at: entry.valuePosition)
            return nil
        }
        return (entry, sequence.items)
    }

    /// A list of texts; items that are not scalars are reported and left out.
    func textList(_ key: String, required: Bool = false) -> [Located<String>]? {
        guard let (_, items) = list(key, required: required) else { return nil }
        return items.enumerated().compactMap { index, item in
            Self.scalarText(item, name: "\(qualified(key))[\(index)]", log: log)
        }
    }

    /// A nested mapping; its "missing key" problems are reported at this key.
    func mapping(_ key: String, required: Bool = false) -> MappingReader? {
        guard let entry = entry(key, required: required) else { return nil }
        return MappingReader(entry.value, path: qualified(key), position: entry.keyNode.position, log: log)
    }

    /// One of a fixed set of words, with a hint when the value looks like a typo of one of them.
    func choice<T>(_ key: String, _ parse: (String) -> T?, names: [String], required: Bool = false)
        -> Located<T>?
    {
        guard let text = text(key, required: required) else { return nil }
        guard let value = parse(text.value) else {
            let list = names.joined(separator: " | ")
            let hint = Suggestion.hint(for: text.value, among: names)
            log.error("`\(qualified(key))` must be \(list), found `\(text.value)`\(hint)", at: text.position)
            return nil
        }
        return Located(value: value, position: text.position)
    }

    /// A scalar as its written text, or a "must be a string" diagnostic.
    static func scalarText(_ node: ConfigNode, name: @autoclosure () -> String, log: DiagnosticLog) -> Located<String>? {
        guard case .scalar(let scalar) = node, !node.isNull else {
            log.error("`\(name())` must be a string, found \(node.kindDescription)", at: node.position)
            return nil
        }
        return Located(value: scalar.string, position: node.position)
    }
}

extension String {
    /// Whether the text is empty or only spaces, tabs and line breaks.
    var isBlank: Bool {
        utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// The string without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return self[first...last]
    }
}

import Yams

/// `Yams.compose` for big configs: the same tree, with the tags Yams's default resolver would give, in a
/// fraction of the time.
///
/// Yams resolves a plain scalar's tag with up to seven regular expressions, and does so again each time a
/// mapping key is hashed for the duplicate-key check: most of the time of loading 10,000 clients. Here
/// the text is composed with the rule-less resolver (every key compares by its text), then each
/// implicit scalar gets the tag the default resolver gives it — decided without a regular expression
/// when the text settles it (a word that is not `true`/`null`/…, a text with a space that cannot be a
/// timestamp), by the default resolver otherwise. When the rule-less pass finds duplicate keys, the
/// text is composed again by `Yams.compose` itself, so every error is the one Yams reports; a text with
/// an `&` (a possible anchor) is left to `Yams.compose` from the start. Mapping keys keep the rule-less
/// tag (`str`): the config reads keys by their text only.
enum YAMLComposer {
    static func compose(yaml: String) throws -> Node? {
        // Aliases share one node many times over (a "billion laughs" text stays small in Yams's tree);
        // rewriting the tree would copy every use. Any text that may hold an anchor goes to Yams as is.
        if yaml.utf8.contains(0x26) { return try Yams.compose(yaml: yaml) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic)
        } catch YamlError.duplicatedKeysInMapping {
            return try Yams.compose(yaml: yaml)
        }
        var tags = ResolvedTags()
        return root.map { retagged($0, tags: &tags) }
    }

    /// One `Tag` per resolved name, shared by every scalar that has it (a resolved tag never changes;
    /// `Tag(name)` alone would build a new `Constructor` each time).
    struct ResolvedTags {
        private let constructor = Constructor.default
        private var tags: [Tag.Name: Tag] = [:]

        mutating func tag(_ name: Tag.Name) -> Tag {
            if let tag = tags[name] { return tag }
            let tag = Tag(name, .default, constructor)
            tags[name] = tag
            return tag
        }
    }

    /// The node with every implicit scalar tag replaced by its resolved name.
    static func retagged(_ node: Node, tags: inout ResolvedTags) -> Node {
        switch node {
        case .scalar(var scalar):
            guard scalar.tag.rawValue == Tag.Name.implicit.rawValue else { return node }
            let name = tagName(ofPlain: scalar.string) ?? Resolver.default.resolveTag(of: node)
            scalar.tag = tags.tag(name)
            return .scalar(scalar)
        case .mapping(let mapping):
            var pairs: [(Node, Node)] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping { pairs.append((retagged(key, tags: &tags), retagged(value, tags: &tags))) }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark, mapping.anchor))
        case .sequence(let sequence):
            var items: [Node] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(retagged(item, tags: &tags)) }
            return .sequence(Node.Sequence(items, sequence.tag, sequence.style, sequence.mark, sequence.anchor))
        case .alias:
            return node
        }
    }

    private static let words: [String: Tag.Name] = {
        var words: [String: Tag.Name] = [:]
        for word in ["yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On",
            "ON", "off", "Off", "OFF"]
        {
            words[word] = .bool
        }
        for word in ["null", "Null", "NULL"] { words[word] = .null }
        return words
    }()

    /// The default resolver's tag for a scalar's text when the text alone settles it without a regular
    /// expression; nil otherwise.
    ///
    /// The default rules (bool, int, float, merge, null, timestamp, value) only match texts that start
    /// with a sign, a digit, `.`, `<`, `=`, `~`, or are one of the bool and null words; only a timestamp
    /// may hold a space, and it starts with `dddd-`. Texts ending in a line terminator or a non-ASCII
    /// byte are left to the regular expressions (`$` matches before a final line break).
    static func tagName(ofPlain text: String) -> Tag.Name? {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last, last < 0x80, last > 0x0D || last < 0x0A else { return nil }
        let isLetter = (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A)
        if isLetter { return words[text] ?? .str }
        let startsLikeTimestamp = utf8.count >= 5 && utf8.prefix(4).allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            && utf8.dropFirst(4).first == 0x2D
        if !startsLikeTimestamp && utf8.contains(where: { $0 == 0x20 || $0 == 0x09 }) { return .str }
        return nil
    }
}

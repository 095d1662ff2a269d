import Foundation
import Testing
import Yams

@testable import RelanceConfig

/// `YAMLComposer` builds the config's nodes from libyaml's events; it promises the tree `Yams.compose`
/// gives, tags included, only faster. Each text here is composed both ways (Yams's tree converted by
/// `ConfigNode(yams:)`) and the trees compared node by node: kind, resolved tag, text and position.
@Suite struct YAMLComposerEquivalenceTests {
    /// Plain and quoted scalars whose tag the default resolver decides: every rule, and near misses.
    static let scalars = [
        "yes", "Yes", "NO", "on", "Off", "true", "False", "null", "Null", "~", "", "y", "n", "yes please",
        "0", "-1", "+7", "0o17", "0x1F", "1_000", "012", "3.14", "-.5", ".inf", "-.Inf", ".nan", "1e3", "6.8523015e+5",
        "2026-11-17", "2026-11-17 10:00:00", "2026-11-17T10:00:00+01:00", "2026-1-7", "2026-11-17x", "20261117",
        "<<", "=", "09:00-17:00", "+33 1 23 45 67 89", "FR76 3000 6000", "a: b", "Société Générale", "€40",
        "mon", "C001", "1.2.3", "12:30", "190:20:30", "-", "--", "0.", ".", "+.5e-3",
    ]

    /// The same tree, or the same error (a text that is not valid YAML fails both ways alike).
    static func assertSame(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let yams = Result { () throws -> ConfigNode? in
            var limit = Int.max
            return try Yams.compose(yaml: yaml).map { try ConfigNode(yams: $0, limit: &limit) }
        }
        switch (Result { try YAMLComposer.compose(yaml: yaml) }, yams) {
        case (.success(let fast), .success(let yams)):
            #expect(fast.map(flattened) == yams.map(flattened), "\(yaml.debugDescription)", sourceLocation: sourceLocation)
        case (.failure(let fast), .failure(let yams)):
            #expect("\(fast)" == "\(yams)", "\(yaml.debugDescription)", sourceLocation: sourceLocation)
        case (let fast, let yams):
            Issue.record("\(yaml.debugDescription): YAMLComposer \(fast), Yams \(yams)", sourceLocation: sourceLocation)
        }
    }

    /// Every node in document order: what it is (a scalar's kind and text) and where it starts.
    static func flattened(_ node: ConfigNode) -> [String] {
        let place = "@\(node.position.line):\(node.position.column)"
        switch node {
        case .scalar(let scalar): return ["\(scalar.kind)|\(scalar.string)" + place]
        case .mapping(let mapping): return ["{" + place] + mapping.flatMap { flattened($0.key) + flattened($0.value) } + ["}"]
        case .sequence(let sequence): return ["[" + place] + sequence.flatMap(flattened) + ["]"]
        }
    }

    @Test(arguments: scalars)
    func plainAndQuotedScalarsGetYamsTags(text: String) throws {
        try Self.assertSame("key: \(text)\n")
        try Self.assertSame("key: \"\(text)\"\n")
        try Self.assertSame("key: '\(text)'\n")
        try Self.assertSame("- \(text)\n- [\(text.isEmpty ? "x" : text)]\n")
    }

    @Test func theExampleConfigComposesTheSame() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/relance.yaml").path
        try Self.assertSame(try String(contentsOfFile: path, encoding: .utf8))
    }

    @Test func blockScalarsExplicitTagsAndDuplicateKeys() throws {
        try Self.assertSame("a: |\n  line\n  yes\nb: >\n  folded 12\nc: !!str 12\nd: !!int \"7\"\n")
        #expect(throws: (any Error).self) { try YAMLComposer.compose(yaml: "a: 1\na: 2\n") }
    }

    @Test func anchorsAliasesAndTheTextsLeftToYams() throws {
        try Self.assertSame("a: &x {k: 1, l: [yes, \"2\"]}\nb: *x\nc: [&y 3, *y]\n")
        try Self.assertSame("1: a\n\"1\": b\n")  // the same text, not the same key: Yams keeps both
        let many = (0..<40).map { "k\($0): \($0)" }.joined(separator: "\n")
        try Self.assertSame(many + "\nk7: again\n")  // a duplicate among more than 32 keys
        try Self.assertSame("a: [1, 2\nb: 3\n")  // a syntax error
        try Self.assertSame("a: *nowhere\n")  // an undefined alias
        try Self.assertSame("a: 1\n---\nb: 2\n")  // two documents
        try Self.assertSame("? [x]\n: complex key\n")
        try Self.assertSame("")
        try Self.assertSame("# only a comment\n")
    }

    @Test func scalarsKnowTheirKindAndValue() throws {
        let root = try #require(try YAMLComposer.compose(yaml: "n: 0x1F\nb: off\ns: \"4\"\nz:\n"))
        guard case .mapping(let mapping) = root else { Issue.record("not a mapping"); return }
        #expect(mapping.map { $0.value.int } == [31, nil, nil, nil])
        #expect(mapping.map { $0.value.bool } == [nil, false, nil, nil])
        #expect(mapping.map { $0.value.isNull } == [false, false, false, true])
        #expect(mapping[2].value.position == Position(line: 3, column: 4))
    }

    @Test func anAliasBombStaysSmall() throws {
        // Ten to the seventh leaves if copied; the aliases share the anchored list instead.
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
            + "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
        let started = ContinuousClock().now
        #expect(try YAMLComposer.compose(yaml: bomb) != nil)
        #expect(ContinuousClock().now - started < .seconds(5))
    }
}

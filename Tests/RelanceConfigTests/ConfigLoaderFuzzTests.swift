import Foundation
import RelanceCore
import RelanceTestSupport
import Testing

@testable import RelanceConfig

/// Property-based tests of the config loader: mutated versions of `Config/relance.yaml` and hostile
/// inputs, with a small seeded generator (no dependency).
///
/// - `RELANCE_FUZZ_ITERATIONS` (default 300): mutants per property; CI stays within a few seconds.
/// - `RELANCE_FUZZ_SEED`: replays a run; each test prints the seed it used.
///
/// Property, for any input: the loader never crashes and returns either a configuration or a
/// `ConfigurationError` whose diagnostics are non-empty, name the file, and each point at a line
/// between 1 and the end of the file and a column ≥ 1.
@Suite struct ConfigLoaderFuzzTests {
    static let iterations = ConfigFuzz.integer("RELANCE_FUZZ_ITERATIONS", default: 300)

    /// A folder with the shipped templates, so the unmutated example loads.
    final class Folder {
        let path: String
        var configPath: String { path + "/relance.yaml" }

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("relance-config-fuzz-\(UUID())").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: ConfigFuzz.repositoryRoot.appendingPathComponent("Config/templates").path, toPath: path + "/templates")
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static let example: String = {
        (try? String(contentsOf: ConfigFuzz.repositoryRoot.appendingPathComponent("Config/relance.yaml"), encoding: .utf8)) ?? ""
    }()

    @Test func theUnmutatedExampleLoads() throws {
        let folder = try Folder()
        let loaded = try ConfigurationLoader().load(yaml: Self.example, path: folder.configPath)
        #expect(loaded.configuration.clients.count == 6)
    }

    @Test func mutatedExamplesNeverCrashAndAlwaysExplainThemselves() throws {
        let folder = try Folder()
        var rng = ConfigFuzz.generator("mutatedExamplesNeverCrashAndAlwaysExplainThemselves")
        var accepted = 0
        var rejected = 0
        var mutations: [String: Int] = [:]
        for _ in 0..<Self.iterations {
            var lines = Self.example.components(separatedBy: "\n")
            var applied: [String] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let (name, mutated) = ConfigFuzz.mutate(lines, using: &rng)
                lines = mutated
                applied.append(name)
                mutations[name, default: 0] += 1
            }
            let yaml = lines.joined(separator: "\n")
            if check(yaml, path: folder.configPath, what: applied.joined(separator: "+")) { accepted += 1 } else { rejected += 1 }
        }
        #expect(rejected > 0, "mutants must be rejected sometimes, or the loader checks nothing")
        print("config fuzz: \(Self.iterations) mutants, \(accepted) accepted, \(rejected) rejected; mutations \(mutations.sorted { $0.key < $1.key })")
    }

    @Test func randomTextNeverCrashes() throws {
        let folder = try Folder()
        var rng = ConfigFuzz.generator("randomTextNeverCrashes")
        let alphabet = Array("abc:- \n\t{}[],&*!|>'\"#%@`?~0123456789.\u{0}\u{7}\u{FEFF}\r\u{85}\u{2028}é")
        for _ in 0..<Self.iterations {
            let yaml = String((0..<Int.random(in: 0...300, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            check(yaml, path: folder.configPath, what: yaml.debugDescription)
        }
    }

    @Test func randomBytesOnDiskNeverCrash() throws {
        let folder = try Folder()
        var rng = ConfigFuzz.generator("randomBytesOnDiskNeverCrash")
        for i in 0..<max(1, Self.iterations / 10) {
            var bytes = Array(Self.example.utf8)
            for _ in 0..<Int.random(in: 1...20, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            let path = folder.path + "/bytes-\(i).yaml"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            chmod(path, 0o600)
            do {
                _ = try ConfigurationLoader().load(path: path)
            } catch {
                ConfigFuzz.checkDiagnostics(error, path: path, lineCount: ConfigFuzz.lineCount(String(decoding: bytes, as: UTF8.self)),
                    what: "bytes-\(i)")
            }
        }
    }

    @Test func hostileShapes() throws {
        let folder = try Folder()
        let depth = ConfigFuzz.integer("RELANCE_FUZZ_DEPTH", default: 200)
        let mega = String(repeating: "A", count: 1 << 20)
        let cases: [(String, String)] = [
            ("deep flow nesting", "creditor: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"),
            ("deep block nesting", (0..<depth).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n"),
            ("deep nesting in a client", Self.example.replacingOccurrences(of: "    cc: []", with: "    cc: " + String(repeating: "{a: ", count: depth) + "b" + String(repeating: "}", count: depth))),
            ("1 MB creditor name", Self.example.replacingOccurrences(of: "\"Atelier Dupont SARL\"", with: "\"\(mega)\"")),
            ("1 MB key", Self.example + "\n\(mega): 1\n"),
            ("1 MB comment", "# " + mega + "\n" + Self.example),
            ("1 MB timeout", Self.example.replacingOccurrences(of: "timeout_seconds: 30", with: "timeout_seconds: " + String(repeating: "9", count: 1 << 20))),
            ("huge integers", Self.example.replacingOccurrences(of: "min_gap_days: 5", with: "min_gap_days: 99999999999999999999999")
                .replacingOccurrences(of: "offset_days: 45", with: "offset_days: 9223372036854775807")),
            ("negative and float integers", Self.example.replacingOccurrences(of: "max_age_hours: 36", with: "max_age_hours: -36")
                .replacingOccurrences(of: "timeout_seconds: 30", with: "timeout_seconds: 1e400")),
            ("unknown time zone", Self.example.replacingOccurrences(of: "timezone: \"Europe/Paris\"", with: "timezone: \"Mars/Olympus_Mons\"")),
            ("path time zone", Self.example.replacingOccurrences(of: "timezone: \"Europe/London\"", with: "timezone: \"../../../../etc/passwd\"")),
            ("empty time zone", Self.example.replacingOccurrences(of: "timezone: \"Europe/Paris\"", with: "timezone: \"\"")),
            ("NUL in a value", Self.example.replacingOccurrences(of: "name: \"Atelier Dupont SARL\"", with: "name: \"Atelier\\0Dupont\"")),
            ("header injection in a name", Self.example.replacingOccurrences(of: "name: \"Atelier Dupont SARL\"", with: "name: \"Atelier\\r\\nBcc: x@evil.example\"")),
            ("alias bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\nclients: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n"),
            ("aliased clients", Self.example.replacingOccurrences(of: "  - id: \"C001\"", with: "  - &c1\n    id: \"C001\"") + "\n  - *c1\n  - *c1\n"),
            ("undefined alias", Self.example + "\nextra: *nowhere\n"),
            ("merge keys", Self.example.replacingOccurrences(of: "smtp:\n", with: "smtp:\n  <<: {url: \"smtp://x:25\"}\n")),
            ("custom tags", Self.example.replacingOccurrences(of: "min_gap_days: 5", with: "min_gap_days: !!binary aGVsbG8=")),
            ("several documents", Self.example + "\n---\n" + Self.example),
            ("directives", "%YAML 1.1\n%TAG ! tag:evil,2026:\n---\n" + Self.example),
            ("tabs", Self.example.replacingOccurrences(of: "  url:", with: "\turl:")),
            ("CRLF", Self.example.replacingOccurrences(of: "\n", with: "\r\n")),
            ("CR only", Self.example.replacingOccurrences(of: "\n", with: "\r")),
            ("BOM", "\u{FEFF}" + Self.example),
            ("only a BOM", "\u{FEFF}"),
            ("empty", ""),
            ("only comments", "# nothing\n# here\n"),
            ("a scalar", "42\n"),
            ("a list", "- a\n- b\n"),
            ("null document", "~\n"),
            ("10 000 clients keys", "clients:\n" + (0..<10_000).map { "  - {id: \"C\($0)\"}" }.joined(separator: "\n") + "\n"),
            ("hours out of range", Self.example.replacingOccurrences(of: "hours: \"09:00-17:00\"", with: "hours: \"25:61-99:99\"")),
            ("days junk", Self.example.replacingOccurrences(of: "days: [mon, tue, wed, thu, fri]", with: "days: [xyz, 7, ~, [mon]]")),
            ("holiday dates junk", Self.example.replacingOccurrences(of: "holidays: FR", with: "holidays: [2026-02-30, 0000-00-00, \"x\"]")),
            ("password file is a folder", Self.example.replacingOccurrences(of: "  timeout_seconds: 30", with: "  username: u\n  password_file: \"/\"\n  timeout_seconds: 30")),
            ("password file missing", Self.example.replacingOccurrences(of: "  timeout_seconds: 30", with: "  username: u\n  password_file: \"/nonexistent/\(UUID())\"\n  timeout_seconds: 30")),
            ("templates outside", Self.example.replacingOccurrences(of: "templates: \"templates\"", with: "templates: \"/proc/self\"")),
        ]
        for (name, yaml) in cases {
            let start = Date()
            let ok = check(yaml, path: folder.configPath, what: name)
            let seconds = Date().timeIntervalSince(start)
            print("config hostile shape \(name): \(ok ? "accepted" : "rejected") in \(String(format: "%.3f", seconds)) s")
            #expect(seconds < 20, "\(name) took \(seconds) s")
        }
    }

    @Test func theHostileCorpusNeverCrashes() throws {
        let folder = try Folder()
        let corpus = ConfigFuzz.repositoryRoot.appendingPathComponent("Tests/Corpus/config")
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 8, "the corpus is in Tests/Corpus/config")
        for file in files {
            let path = folder.path + "/" + file
            try FileManager.default.copyItem(atPath: corpus.appendingPathComponent(file).path, toPath: path)
            chmod(path, 0o600)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            do {
                let loaded = try ConfigurationLoader().load(path: path)
                print("config corpus \(file): accepted (\(loaded.configuration.clients.count) clients)")
            } catch {
                ConfigFuzz.checkDiagnostics(error, path: path, lineCount: ConfigFuzz.lineCount(String(decoding: bytes, as: UTF8.self)),
                    what: file)
                print("config corpus \(file): rejected, first: \(error.diagnostics.first.map(\.description) ?? "-")")
            }
        }
    }

    @Test func aConfigReadableByOthersIsWarnedAbout() throws {
        let folder = try Folder()
        try Data(Self.example.utf8).write(to: URL(fileURLWithPath: folder.configPath))
        chmod(folder.configPath, 0o644)
        let loaded = try ConfigurationLoader().load(path: folder.configPath)
        #expect(loaded.warnings.contains { $0.message.contains("readable by") && $0.line >= 1 }, "\(loaded.warnings)")
        chmod(folder.configPath, 0o600)
        #expect(try ConfigurationLoader().load(path: folder.configPath).warnings.isEmpty)
    }

    /// Loads; checks the property; true when the config was accepted.
    @discardableResult
    func check(_ yaml: String, path: String, what: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        do {
            let loaded = try ConfigurationLoader().load(yaml: yaml, path: path)
            for warning in loaded.warnings {
                #expect(warning.line >= 1 && warning.column >= 1, "\(warning) for \(what)", sourceLocation: sourceLocation)
            }
            // An accepted config is usable: at least one client and one schedule, every client's schedule exists.
            let configuration = loaded.configuration
            #expect(!configuration.clients.isEmpty, "\(what)", sourceLocation: sourceLocation)
            for client in configuration.clients {
                #expect(configuration.schedules[client.scheduleName] != nil, "\(client.id) in \(what)", sourceLocation: sourceLocation)
            }
            return true
        } catch {
            ConfigFuzz.checkDiagnostics(error, path: path, lineCount: ConfigFuzz.lineCount(yaml), what: what, sourceLocation: sourceLocation)
            return false
        }
    }
}

enum ConfigFuzz {
    typealias Generator = FuzzGenerator

    static func integer(_ name: String, default fallback: Int) -> Int { FuzzGenerator.integer(name, default: fallback) }

    static func generator(_ test: String) -> Generator { FuzzGenerator.seeded(for: test) }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Lines as YAML counts them (LF, CRLF, CR, NEL, LS and PS all break lines).
    static func lineCount(_ text: String) -> Int {
        var count = 1
        var previousCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": if !previousCR { count += 1 }
            case "\r", "\u{85}", "\u{2028}", "\u{2029}": count += 1
            default: break
            }
            previousCR = scalar == "\r"
        }
        return count
    }

    static func checkDiagnostics(
        _ error: ConfigurationError, path: String, lineCount: Int, what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(!error.diagnostics.isEmpty, "no diagnostic for \(what)", sourceLocation: sourceLocation)
        for diagnostic in error.diagnostics + error.warnings {
            #expect(diagnostic.file == path, sourceLocation: sourceLocation)
            #expect(diagnostic.line >= 1 && diagnostic.column >= 1, "\(diagnostic) for \(what)", sourceLocation: sourceLocation)
            #expect(diagnostic.line <= lineCount + 1, "\(diagnostic) past the end (\(lineCount) lines) for \(what)", sourceLocation: sourceLocation)
            #expect(!diagnostic.message.isEmpty && !diagnostic.message.contains("\n"), "\(diagnostic) for \(what)", sourceLocation: sourceLocation)
        }
    }

    static let junk = [
        "", "~", "null", "[]", "{}", "-", ":", "? x", "&a", "*a", "*undefined", "!!binary x", "!custom x", "|", ">", "'", "\"",
        "\"unterminated", "[unterminated", "{a: ", "0x1F", "1e400", "-1", "99999999999999999999999", ".inf", ".nan", "yes", "no",
        "2026-02-30", "25:61-99:99", "Mars/Olympus_Mons", "../../etc/passwd", "\t", "é", "\u{0}", "\u{7}", "\u{FEFF}", "\u{202E}",
        "a\r\nBcc: x@evil.example", "{{creditor.iban}}", "%YAML 1.2", "---", "...", "#", "smtp://[::1", "@", "<<: *a",
    ]

    /// One random mutation of the lines: its name and the result.
    static func mutate(_ lines: [String], using rng: inout Generator) -> (String, [String]) {
        var lines = lines
        guard !lines.isEmpty else { return ("append", ["x: y"]) }
        let i = Int.random(in: 0..<lines.count, using: &rng)
        switch Int.random(in: 0..<10, using: &rng) {
        case 0:
            lines.remove(at: i)
            return ("delete", lines)
        case 1:
            lines.insert(lines[i], at: i)
            return ("duplicate", lines)
        case 2:
            lines.swapAt(i, Int.random(in: 0..<lines.count, using: &rng))
            return ("swap", lines)
        case 3:
            // Replace a value (after the first ": ") with junk.
            if let colon = lines[i].range(of: ": ") {
                lines[i] = String(lines[i][..<colon.upperBound]) + junk.randomElement(using: &rng)!
            } else {
                lines[i] += junk.randomElement(using: &rng)!
            }
            return ("value", lines)
        case 4:
            var scalars = Array(lines[i].unicodeScalars)
            let at = Int.random(in: 0...scalars.count, using: &rng)
            let random = Unicode.Scalar(UInt32.random(in: 0...0x2FFF, using: &rng)) ?? "?"
            scalars.insert(random, at: at)
            lines[i] = String(String.UnicodeScalarView(scalars))
            return ("insert-scalar", lines)
        case 5:
            let indent = Int.random(in: 0...6, using: &rng)
            lines[i] = String(repeating: " ", count: indent) + lines[i].trimmingCharacters(in: .whitespaces)
            return ("reindent", lines)
        case 6:
            lines = Array(lines[..<i])
            if let last = lines.last, !last.isEmpty { lines[lines.count - 1] = String(last.prefix(Int.random(in: 0...last.count, using: &rng))) }
            return ("truncate", lines)
        case 7:
            lines.insert(junk.randomElement(using: &rng)! + ": " + junk.randomElement(using: &rng)!, at: i)
            return ("insert-line", lines)
        case 8:
            let zones = ["Mars/Olympus_Mons", "Europe/Pariss", "UTC+25", "", "../../etc/passwd", "Etc/GMT+99", "europe/paris", "Europe/Paris\u{0}"]
            let zone = zones.randomElement(using: &rng)!.debugDescription
            if let j = lines.firstIndex(where: { $0.contains("timezone:") }), Bool.random(using: &rng) {
                lines[j] = lines[j].replacingOccurrences(of: #"timezone: "[^"]*""#, with: "timezone: \(zone)", options: .regularExpression)
            } else {
                let clients = lines.indices.filter { lines[$0].hasPrefix("  - id:") }
                if let j = clients.randomElement(using: &rng) { lines.insert("    timezone: \(zone)", at: j + 1) }
            }
            return ("timezone", lines)
        default:
            var scalars = Array(lines[i].unicodeScalars)
            if !scalars.isEmpty { scalars.remove(at: Int.random(in: 0..<scalars.count, using: &rng)) }
            lines[i] = String(String.UnicodeScalarView(scalars))
            return ("delete-scalar", lines)
        }
    }
}

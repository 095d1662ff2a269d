import Foundation
import Testing

@testable import RelanceConfig

/// The clients read on a second thread while the text is composed (`ClientReading`) give the same
/// configuration and the same diagnostics as reading them after, one by one.
@Suite struct ClientReadingTests {
    /// `count` clients after the minimal config's C001; every `bad`-th one has a fault of its own kind.
    static func config(clients count: Int, bad: Int? = nil) -> String {
        var lines: [String] = []
        for n in 2...(count + 1) {
            let id = bad.map { n % $0 == 0 && n % 3 == 0 } == true ? "C001" : String(format: "C%04d", n)  // a repeated id
            let schedule = bad.map { n % $0 == 1 } == true ? "standart" : "standard"  // an unknown schedule
            let email = bad.map { n % $0 == 2 } == true ? "compta-at-example.fr" : "compta-\(n)@client-\(n).example"
            lines += [
                "  - id: \"\(id)\"", "    name: \"Client \(n) avec un nom assez long SARL\"", "    email: [\"\(email)\"]",
                "    schedule: \(schedule)", "    address: [\"\(n) rue des Lilas\", \"75011 Paris\"]",
            ]
            if bad.map({ n % $0 == 3 }) == true { lines.append("    colour: blue") }  // an unknown key
        }
        return MinimalConfig.with(appending: lines)
    }

    /// What reading the clients one by one, after composing, gives: the configuration or the errors.
    static func sequential(_ yaml: String, fixture: Fixture) throws -> Result<[String], ConfigurationError> {
        let log = DiagnosticLog(file: fixture.configPath)
        let root = try #require(try YAMLComposer.compose(yaml: yaml))
        let parsed = ConfigParser(log: log, baseDirectory: fixture.folder).parse(root, sourcePath: fixture.configPath)
        if let parsed, !log.hasErrors { return .success(parsed.clients.map { "\($0)" }) }
        return .failure(ConfigurationError(diagnostics: log.sortedErrors, warnings: log.sortedWarnings))
    }

    @Test func aValidConfigLoadsTheSameClients() throws {
        let fixture = try Fixture()
        let yaml = Self.config(clients: 700)  // several batches of 64
        let loaded = try fixture.load(yaml).configuration.clients
        #expect(loaded.count == 701)
        #expect(try Self.sequential(yaml, fixture: fixture).get() == loaded.map { "\($0)" })
    }

    @Test func everyProblemIsReportedOnceAndInPlace() throws {
        let fixture = try Fixture()
        let yaml = Self.config(clients: 700, bad: 50)
        let streamed = fixture.errors(yaml)
        guard case .failure(let error) = try Self.sequential(yaml, fixture: fixture) else {
            Issue.record("the sequential read accepted a faulty config")
            return
        }
        #expect(streamed == error.diagnostics.map { "\($0.line):\($0.column): \($0.message)" })
        #expect(streamed.count > 40)
        #expect(streamed.contains { $0.contains("duplicate client id `C001`") })
        #expect(streamed.contains { $0.contains("unknown schedule `standart`") })
        #expect(streamed.contains { $0.contains("not a valid email address") })
        #expect(streamed.contains { $0.contains("unknown key `colour`") })
    }

    @Test func aTextYamsMustComposeIsReadTheUsualWay() throws {
        let fixture = try Fixture()
        // A repeated top-level key: the fast composer hands out items, gives up, and Yams reports the text.
        let yaml = Self.config(clients: 100) + "clients: []\n"
        #expect(fixture.errors(yaml) == ["518:1: duplicate key `clients` (first at line 13, column 1)"])
    }
}

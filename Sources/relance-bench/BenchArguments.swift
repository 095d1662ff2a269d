import Foundation
import RelanceConfig
import RelanceCore

/// The command line of `relance-bench`: a subcommand, then `--name value` options.
struct BenchArguments {
    /// A missing or malformed option.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    let command: String
    private var options: [String: String] = [:]

    init(_ arguments: ArraySlice<String>) {
        command = arguments.first ?? ""
        var rest = arguments.dropFirst()
        while let name = rest.popFirst() {
            guard name.hasPrefix("--") else { continue }
            options[String(name.dropFirst(2))] = rest.popFirst() ?? ""
        }
    }

    func value(_ name: String) -> String? { options[name] }

    func required(_ name: String) throws -> String {
        guard let value = options[name] else { throw Problem(description: "--\(name) is required") }
        return value
    }

    /// `--now`, by default the generator's reference morning (2026-11-17 10:00 in Paris).
    func now() throws -> Date {
        let text = options["now"] ?? "2026-11-17T10:00:00+01:00"
        guard let date = ISO8601Instant.date(from: text) else { throw Problem(description: "--now: not an ISO 8601 instant: \(text)") }
        return date
    }

    /// The configuration named by `--config`, loaded as the daemon loads it.
    func configuration() throws -> RelanceConfiguration {
        try ConfigurationLoader().load(path: try required("config")).configuration
    }
}

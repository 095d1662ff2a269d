import Foundation
import RelanceCore
import Yams

/// Reads the `rates:` folder: one YAML rate table per `*.yaml` / `*.yml` file, merged over the
/// tables built into relance (`RateTables.builtIn`).
///
/// File format (documented at the top of each shipped file in `Config/rates/`):
/// ```yaml
/// table: ecb-mro                  # ecb-mro | fr-legal-professional | fr-legal-individual | boe-base | de-basiszins
/// description: "optional text"
/// periods:
///   - { from: 2025-06-11, to: 2026-02-05, rate: 2.15, source: "https://…" }   # `to` and `source` optional
/// ```
/// Every problem is reported as `FILE:LINE:COLUMN: message`: YAML syntax, unknown keys, bad dates or
/// rates, `to` before `from`, unknown table names, periods of one table that overlap (within or across
/// files). A file period replaces the built-in period with the same `from`.
public struct RateTableLoader: Sendable {
    /// Creates a loader.
    public init() {}

    /// The built-in tables, extended by the folder's files when a folder is given.
    public func load(folder: String?) throws(ConfigurationError) -> RateTables {
        guard let folder else { return .builtIn }
        return RateTables.builtIn.merging(try tables(inFolder: folder))
    }

    /// The tables of the folder's files alone (not merged), in file-name order.
    public func tables(inFolder folder: String) throws(ConfigurationError) -> [RateTable] {
        guard FileChecks.isDirectory(folder) else {
            throw ConfigurationError(diagnostics: [
                ConfigDiagnostic(
                    file: folder, line: 1, column: 1,
                    message: "the rates folder does not exist or is not a folder")
            ])
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
            .sorted()
        var errors: [ConfigDiagnostic] = []
        var parsed: [(table: RateTable, lines: [LocalDate: (file: String, position: Position)])] = []
        for name in names {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            let log = DiagnosticLog(file: path)
            if let result = parseFile(path: path, log: log) {
                // Overlaps with the same table's periods in earlier files.
                for earlier in parsed where earlier.table.name == result.table.name {
                    for period in result.table.periods {
                        guard let clash = earlier.table.periods.first(where: { $0.overlaps(period) }),
                            let at = result.lines[period.from], let there = earlier.lines[clash.from]
                        else { continue }
                        log.error(
                            "period from \(period.from) overlaps the period from \(clash.from) of table "
                                + "`\(result.table.name)` in \(there.file):\(there.position.line)",
                            at: at.position)
                    }
                }
                if !log.hasErrors { parsed.append(result) }
            }
            errors += log.sortedErrors
        }
        guard errors.isEmpty else { throw ConfigurationError(diagnostics: errors) }
        return parsed.map(\.table)
    }

    /// Parses the text of one rate-table file; `path` names it in diagnostics.
    public func parse(yaml: String, path: String) throws(ConfigurationError) -> RateTable {
        let log = DiagnosticLog(file: path)
        guard let result = parse(yaml: yaml, log: log), !log.hasErrors else {
            throw ConfigurationError(diagnostics: log.sortedErrors)
        }
        return result.table
    }

    private func parseFile(path: String, log: DiagnosticLog) -> (
        table: RateTable, lines: [LocalDate: (file: String, position: Position)]
    )? {
        switch FileChecks.readAll(path) {
        case .failure(let failure):
            log.error("cannot read the rate table: \(failure.reason)", at: .start)
            return nil
        case .success(let bytes):
            guard let yaml = String(validating: bytes, as: UTF8.self) else {
                log.error("the rate table is not valid UTF-8", at: .start)
                return nil
            }
            return parse(yaml: yaml, log: log)
        }
    }

    private func parse(yaml: String, log: DiagnosticLog) -> (
        table: RateTable, lines: [LocalDate: (file: String, position: Position)]
    )? {
        let root: ConfigNode
        do {
            guard let node = try YAMLComposer.compose(yaml: yaml) else {
                log.error("the rate table is empty", at: .start)
                return nil
            }
            root = node
        } catch let error as YamlError {
            YAMLSyntaxErrors.report(error, yaml: yaml, log: log)
            return nil
        } catch {
            log.error("cannot parse the YAML text: \(error)", at: .start)
            return nil
        }
        return RateTableFileParser(log: log).parse(root)
    }
}

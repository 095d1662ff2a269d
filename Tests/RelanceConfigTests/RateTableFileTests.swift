import Foundation
import RelanceCore
import Testing

@testable import RelanceConfig

/// The `rates:` folder: YAML rate tables that extend the built-in ones, with `FILE:LINE:COLUMN` errors.
@Suite struct RateTableFileTests {
    static func date(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    func errors(_ yaml: String) -> [String] {
        do {
            _ = try RateTableLoader().parse(yaml: yaml, path: "rates/x.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func theShippedFilesHoldTheBuiltInFigures() throws {
        let folder = Workspace.repositoryRoot.appendingPathComponent("Config/rates").path
        let tables = try RateTableLoader().tables(inFolder: folder)
        #expect(Set(tables.map(\.name)) == Set(RateTable.knownNames))
        for table in tables {
            #expect(table == RateTables.builtIn[table.name], "\(table.name)")
        }
    }

    @Test func aFileExtendsTheBuiltInTables() throws {
        let fixture = try Fixture()
        try fixture.write(
            "rates/ecb.yaml",
            """
            # the next ECB figure
            table: ecb-mro
            periods:
              - { from: 2025-06-11, rate: 2.15, source: "ECB" }
              - from: 2024-09-18
                to: 2024-10-22
                rate: "3.65"

            """)
        try fixture.write("rates/README.txt", "not a table\n")
        let tables = try RateTableLoader().load(folder: fixture.folder + "/rates")
        let ecb = try #require(tables[RateTable.ecbMRO])
        #expect(ecb.rate(on: Self.date("2030-01-01")) == Decimal(string: "2.15"), "open-ended now")
        #expect(ecb.rate(on: Self.date("2024-10-01")) == Decimal(string: "3.65"))
        #expect(ecb.rate(on: Self.date("2024-01-01")) == Decimal(string: "4.5"), "built-in kept")
        #expect(tables[RateTable.boeBase] == RateTables.builtIn[RateTable.boeBase])
        #expect(try RateTableLoader().load(folder: nil) == RateTables.builtIn)
    }

    @Test func everyProblemHasItsPosition() {
        let yaml = """
            table: ecb-mr
            period: []
            periods:
              - { from: 2025-13-01, rate: 2.15 }
              - { from: 2025-07-01, to: 2025-06-30, rate: 2 }
              - { from: 2025-08-01, rate: 2,15 }  # `2` and a key `15`: open-ended, so line 8 overlaps it
              - { from: 2025-09-01, rate: "2.15 %" }
              - { from: 2025-10-01, rate: 1, sourse: x }
              - { rate: 1 }

            """
        #expect(
            errors(yaml) == [
                "rates/x.yaml:1:8: `table` must be ecb-mro | fr-legal-professional | fr-legal-individual | boe-base | de-basiszins, found `ecb-mr`; did you mean `ecb-mro`?",
                "rates/x.yaml:2:1: unknown key `period`; did you mean `periods`?",
                "rates/x.yaml:4:13: `periods[0].from` must be a date YYYY-MM-DD, found `2025-13-01`",
                "rates/x.yaml:5:29: `periods[1].to` (2025-06-30) is before `periods[1].from` (2025-07-01)",
                "rates/x.yaml:6:33: unknown key `15` in `periods[2]`",
                "rates/x.yaml:7:31: `periods[3].rate` must be a percentage written with a dot, below 100 (2.15 for 2.15 %), found `2.15 %`",
                "rates/x.yaml:8:5: period from 2025-10-01 overlaps the period from 2025-08-01 (line 6)",
                "rates/x.yaml:8:34: unknown key `sourse` in `periods[4]`; did you mean `source`?",
                "rates/x.yaml:9:5: missing required key `from` in `periods[5]`",
            ])
    }

    @Test func overlappingPeriodsAreRefusedWithinAndAcrossFiles() throws {
        #expect(
            errors(
                """
                table: boe-base
                periods:
                  - { from: 2026-01-01, to: 2026-06-30, rate: 3.75 }
                  - { from: 2026-06-01, rate: 3.5 }
                """) == [
                    "rates/x.yaml:4:5: period from 2026-06-01 overlaps the period from 2026-01-01 (line 3)"
                ])
        let fixture = try Fixture()
        try fixture.write("rates/a.yaml", "table: boe-base\nperiods:\n  - { from: 2026-01-01, rate: 3.75 }\n")
        let b = try fixture.write(
            "rates/b.yml", "table: boe-base\nperiods:\n  - { from: 2026-03-01, rate: 3.5 }\n")
        #expect(throws: ConfigurationError.self) {
            try RateTableLoader().load(folder: fixture.folder + "/rates")
        }
        do {
            _ = try RateTableLoader().load(folder: fixture.folder + "/rates")
        } catch {
            #expect(
                error.description
                    == "\(b):3:5: period from 2026-03-01 overlaps the period from 2026-01-01 of table `boe-base` in \(fixture.folder)/rates/a.yaml:3"
            )
        }
    }

    @Test func syntaxErrorsAndAMissingFolderAreReported() throws {
        #expect(errors("table: [ecb-mro\n").first?.hasPrefix("rates/x.yaml:2:1: YAML syntax error") == true)
        do {
            _ = try RateTableLoader().load(folder: "/nonexistent/rates")
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description
                    == "/nonexistent/rates:1:1: the rates folder does not exist or is not a folder")
        }
    }
}

/// The repository root, for the shipped files.
private enum Workspace {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }
}

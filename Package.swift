// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "relance",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "relance", targets: ["relance"]),
        .executable(name: "relance-bench", targets: ["relance-bench"]),
        .library(name: "RelanceCore", targets: ["RelanceCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // The domain: money, dates, invoices, schedules, the planner. No I/O, no clock.
        .target(name: "RelanceCore"),
        // YAML configuration with positions for every error.
        .target(
            name: "RelanceConfig",
            dependencies: ["RelanceCore", .product(name: "Yams", package: "Yams")]
        ),
        // SHA-256 in C (the x86 SHA extensions when present, else portable C), for the journal's hash chain
        // and the archives: linking OpenSSL's libcrypto for it cost an idle daemon 3.4 MiB (see CSHA256.h).
        .target(name: "CSHA256"),
        // glibc's malloc_trim (<malloc.h>), for the daemon to hand freed heap pages back.
        .systemLibrary(name: "CMalloc"),
        // SQLite's process-wide settings (sqlite3_config is variadic: a C wrapper calls it).
        .systemLibrary(name: "CSQLiteSettings"),
        // The durable store (SQLite through GRDB) behind the `ReminderStore` protocol.
        .target(
            name: "RelanceStore",
            dependencies: [
                "RelanceCore", "CSHA256", "CSQLiteSettings", .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the per-row loops of a ledger sync (Statement+RawAccess).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // libcurl (headers from libcurl4-openssl-dev), loaded with dlopen on the first message so that
        // an idle daemon does not map it and its TLS stack; typed wrappers for Swift.
        .target(name: "CCurl"),
        // cairo + pango (Debian's libpangocairo-1.0-0; libcairo2-dev for the constant checks) for real
        // PDF documents, loaded with dlopen on the first document so that the daemon does not map them.
        .target(name: "CPangoCairo"),
        // Printable documents: the mise en demeure letter and the claim file for the courts.
        .target(name: "RelanceDocuments", dependencies: ["RelanceCore", "CPangoCairo"]),
        // MIME, templates and the SMTP transport.
        .target(
            name: "RelanceMail",
            dependencies: [
                "RelanceCore", "CCurl",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The cycle, the services, signals, sd_notify and logfmt.
        .target(
            name: "RelanceDaemon",
            dependencies: [
                "RelanceCore", "RelanceConfig", "RelanceStore", "RelanceMail", "RelanceDocuments", "CMalloc",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "relance",
            dependencies: [
                "RelanceDaemon", "RelanceDocuments",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // Release: linked by lld (shipped with Swift) with packed relative relocations (DT_RELR,
            // glibc >= 2.36 as on Debian 12). Statically linked (--static-swift-stdlib, as
            // systemd/install.sh builds it), the relocation table shrinks from 2.2 MB, read at every
            // start, to 36 KB: about 2.7 MB less resident memory for the daemon.
            linkerSettings: [
                .unsafeFlags(
                    ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(configuration: .release))
            ]
        ),
        // bench/run's measuring tool: times the daemon's own planning and ledger-import paths.
        .executableTarget(
            name: "relance-bench",
            dependencies: ["RelanceCore", "RelanceConfig", "RelanceStore", "RelanceMail", "RelanceDaemon"]
        ),
        .testTarget(name: "RelanceCoreTests", dependencies: ["RelanceCore", "RelanceTestSupport"]),
        .testTarget(
            name: "RelanceConfigTests",
            dependencies: ["RelanceConfig", "RelanceTestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "RelanceStoreTests", dependencies: ["RelanceStore", "RelanceTestSupport"]),
        .testTarget(name: "RelanceDocumentsTests", dependencies: ["RelanceDocuments"]),
        .testTarget(name: "RelanceMailTests", dependencies: ["RelanceMail", "RelanceTestSupport"]),
        .testTarget(name: "RelanceDaemonTests", dependencies: ["RelanceDaemon", "RelanceTestSupport"]),
        // Test support shared by the test targets: the aiosmtpd server harness, the `relance` process runner.
        .target(name: "RelanceTestSupport", dependencies: ["RelanceMail"], path: "Tests/RelanceTestSupport"),
        // Runs the real `relance` binary against a real aiosmtpd server.
        .testTarget(name: "IntegrationTests", dependencies: ["RelanceTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

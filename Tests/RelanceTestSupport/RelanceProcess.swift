import Foundation

/// Runs the real `relance` binary, the one `swift build` put next to the test bundle.
public enum RelanceProcess {
    /// What a finished run printed and returned.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        /// The stderr lines whose `event=` is `name`.
        public func events(_ name: String) -> [String] {
            stderr.split(separator: "\n").map(String.init).filter { $0.contains("event=\(name) ") || $0.hasSuffix("event=\(name)") }
        }
    }

    /// The binary: `$RELANCE_BIN`, else `relance` beside the running test executable.
    public static var binary: String {
        if let path = ProcessInfo.processInfo.environment["RELANCE_BIN"] { return path }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = bundle.deletingLastPathComponent()
        // On Linux the runner is `<bin>/relancePackageTests.xctest`; on macOS it sits inside the bundle.
        while !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("relance").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("relance").path
    }

    /// Runs `relance arguments…` to completion (bounded by `timeout` seconds).
    public static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 120) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env.removeValue(forKey: "RELANCE_CONFIG")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relance-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let err = folder.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}

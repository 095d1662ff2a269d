import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A long-running `relance run` started as a real process, with its stderr (the log) in a file.
public final class DaemonProcess {
    public let process: Process
    private let logFile: URL

    /// Starts `relance run arguments…` with extra environment variables.
    public init(arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: RelanceProcess.binary)
        process.arguments = ["run"] + arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env.removeValue(forKey: "RELANCE_CONFIG")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("relance-daemon-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: logFile)
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: logFile)
    }

    /// Everything logged so far.
    public var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// The log lines of one event.
    public func events(_ name: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter { $0.contains("event=\(name) ") || $0.hasSuffix("event=\(name)") }
    }

    /// Waits until the log has at least `count` lines of `event` (false on timeout or exit).
    @discardableResult
    public func waitFor(_ event: String, count: Int = 1, seconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if events(event).count >= count { return true }
            if !process.isRunning { return events(event).count >= count }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// Sends a signal.
    public func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the process to exit; its status, or nil on timeout.
    public func waitForExit(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// The file names of the shared libraries the process has mapped now (from /proc/PID/maps).
    public func mappedLibraries() -> Set<String> {
        // Read to the end: /proc files report a size of 0, and a sized read stops short.
        guard let handle = FileHandle(forReadingAtPath: "/proc/\(process.processIdentifier)/maps"),
            let data = try? handle.readToEnd()
        else { return [] }
        let maps = String(decoding: data, as: UTF8.self)
        return Set(
            maps.split(separator: "\n").compactMap { line in
                guard let path = line.split(separator: " ", omittingEmptySubsequences: true).last, path.hasPrefix("/"),
                    path.contains(".so")
                else { return nil }
                return String(path.split(separator: "/").last!)
            })
    }

    /// User + system CPU time consumed so far, in seconds (from /proc/PID/stat).
    public func cpuSeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3; utime and stime are fields 14 and 15 (1-based).
        guard fields.count > 13, let utime = Double(fields[11]), let stime = Double(fields[12]) else { return nil }
        return (utime + stime) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

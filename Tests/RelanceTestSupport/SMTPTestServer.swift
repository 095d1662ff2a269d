import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real SMTP server for tests: `Tests/Support/smtp_server.py` (aiosmtpd) on a free loopback port,
/// with its own spool folder. Shared by the test targets through `RelanceTestSupport`.
///
///     let server = try SMTPTestServer(rules: #"{"recipients": {"x@y.fr": {"action": "reply", "code": 550}}}"#)
///     defer { server.stop() }
///     … send to server.url …
///     let messages = try server.received()
///
/// Needs a Python with aiosmtpd: `$RELANCE_TEST_PYTHON`, else `/usr/bin/python3` (Debian's
/// `python3-aiosmtpd`), else `python3` on `PATH`. Without one, `init` throws: the test fails, loudly.
public final class SMTPTestServer {
    /// One message the server accepted.
    public struct Message {
        public var number: Int
        public var connection: Int
        public var mailFrom: String
        public var recipients: [String]
        public var queueID: String?
        /// The exact bytes received (after dot-unstuffing), as saved in `<n>.eml`.
        public var bytes: [UInt8]
        public var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// One line of the server's `log.jsonl`.
    public struct LogEntry: Decodable {
        public var event: String
        public var conn: Int?
        public var name: String?
        public var n: Int?
        public var mail_from: String?
        public var rcpt_tos: [String]?
        public var outcome: String?
        public var code: Int?
        public var size: Int?
        public var file: String?
        public var queue_id: String?
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let port: Int
    public let spool: URL
    private let folder: URL
    private let process: Process
    private let stdin: Pipe
    private let output: OutputBuffer

    /// `smtp://127.0.0.1:<port>`
    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// Starts the server. `rules` is the JSON of `--rules` (see smtp_server.py); `arguments` are
    /// extra flags, e.g. `["--starttls"]` or `["--auth", "--user", "u", "--password", "p"]`.
    public init(rules: String? = nil, arguments: [String] = [], file: StaticString = #filePath) throws {
        let script = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Support/smtp_server.py")
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw Failure(description: "smtp_server.py not found at \(script.path)")
        }
        let python = try Self.findPython()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("relance-smtp-\(UUID().uuidString)")
        spool = folder.appendingPathComponent("spool")
        try FileManager.default.createDirectory(at: spool, withIntermediateDirectories: true)
        var args = [script.path, "--port", "0", "--spool", spool.path, "--exit-on-stdin-eof"] + arguments
        if let rules {
            let rulesFile = folder.appendingPathComponent("rules.json")
            try Data(rules.utf8).write(to: rulesFile)
            args += ["--rules", rulesFile.path]
        }
        let stderrFile = folder.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = args
        stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        output = OutputBuffer()
        try process.run()
        let reader = stdout.fileHandleForReading
        let buffer = output
        Thread.detachNewThread {
            while true {
                let data = reader.availableData
                buffer.append(data)
                if data.isEmpty { return }
            }
        }
        guard let port = buffer.waitForPort(seconds: 20) else {
            Self.halt(process, stdin)
            let err = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
            throw Failure(description: "smtp_server.py did not print its port: \(buffer.text)\n\(err)")
        }
        self.port = port
    }

    deinit { stop() }

    /// Every message accepted so far, in number order.
    public func received() throws -> [Message] {
        try log().filter { $0.event == "transaction" && $0.outcome == "accepted" }.map { entry in
            let file = spool.appendingPathComponent(entry.file ?? "")
            return Message(
                number: entry.n ?? 0, connection: entry.conn ?? 0, mailFrom: entry.mail_from ?? "",
                recipients: entry.rcpt_tos ?? [], queueID: entry.queue_id,
                bytes: [UInt8](try Data(contentsOf: file)))
        }.sorted { $0.number < $1.number }
    }

    /// Every line of `log.jsonl` so far.
    public func log() throws -> [LogEntry] {
        let file = spool.appendingPathComponent("log.jsonl")
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let text = try String(contentsOf: file, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(LogEntry.self, from: Data($0.utf8)) }
    }

    /// The number of connections the server accepted so far.
    public func connectionCount() throws -> Int { try log().filter { $0.event == "connect" }.count }

    /// Waits until `condition` holds on the log (for work the server finishes after replying).
    public func waitForLog(seconds: Double = 10, _ condition: ([LogEntry]) -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(try log()) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition(try log())
    }

    /// What the server printed on stdout (with `--print`).
    public var printed: String { output.text }

    /// Stops the server and removes its folder. Idempotent. Closing its standard input stops it
    /// (`--exit-on-stdin-eof`); SIGTERM, then SIGKILL after 5 s, make sure.
    public func stop() {
        Self.halt(process, stdin)
        try? FileManager.default.removeItem(at: folder)
    }

    private static func halt(_ process: Process, _ stdin: Pipe) {
        try? stdin.fileHandleForWriting.close()
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        while process.isRunning { usleep(10_000) }
    }

    /// A loopback port that refuses connections: bound (so no one else gets it) but not listening,
    /// for as long as the returned object lives.
    public final class ClosedPort {
        public let port: Int
        private let fd: Int32

        public init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.fd = fd
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                    bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
                }
            }
            guard fd >= 0, bound else { throw Failure(description: "cannot reserve a loopback port") }
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(fd) }
    }

    private static func findPython() throws -> String {
        try python.get()
    }

    /// The first Python that can import aiosmtpd, probed once per test process.
    private static let python: Result<String, Failure> = {
        var candidates = ["/usr/bin/python3"]
        if let chosen = ProcessInfo.processInfo.environment["RELANCE_TEST_PYTHON"] { candidates.insert(chosen, at: 0) }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append("\(dir)/python3")
        }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: candidate)
            probe.arguments = ["-c", "import aiosmtpd"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { continue }
            while probe.isRunning { usleep(5_000) }
            if probe.terminationStatus == 0 { return .success(candidate) }
        }
        return .failure(
            Failure(
                description: "no python3 with aiosmtpd (tried \(candidates.joined(separator: ", "))): "
                    + "apt-get install python3-aiosmtpd, or pip install aiosmtpd and set RELANCE_TEST_PYTHON"))
    }()
}

/// The server's stdout, filled by a reader thread.
private final class OutputBuffer: @unchecked Sendable {
    // @unchecked: every access to `data` and `closed` holds `condition`.
    private let condition = NSCondition()
    private var data = Data()
    private var closed = false

    public func append(_ chunk: Data) {
        condition.lock()
        if chunk.isEmpty { closed = true } else { data.append(chunk) }
        condition.broadcast()
        condition.unlock()
    }

    var text: String {
        condition.lock()
        defer { condition.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    /// The `n` of the first `PORT n` line, waiting for it at most `seconds`.
    public func waitForPort(seconds: Double) -> Int? {
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while true {
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
            if let line = lines.first(where: { $0.hasPrefix("PORT ") }), let port = Int(line.dropFirst(5)) {
                return port
            }
            if closed || !condition.wait(until: deadline) { return nil }
        }
    }
}

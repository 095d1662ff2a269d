import Foundation

/// The process's resident memory as Linux reports it in `/proc/self/status`.
enum ProcessMemory {
    /// Peak resident set size (VmHWM) in KiB, 0 where /proc is unavailable.
    static var peakKiB: Int { field("VmHWM:") }

    /// Current resident set size (VmRSS) in KiB.
    static var currentKiB: Int { field("VmRSS:") }

    private static func field(_ name: String) -> Int {
        // /proc files report a size of 0: read them to the end rather than by their size.
        guard let handle = FileHandle(forReadingAtPath: "/proc/self/status"),
            let data = try? handle.readToEnd(), let text = String(data: data, encoding: .utf8)
        else { return 0 }
        try? handle.close()
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            return Int(line.dropFirst(name.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "") ?? 0
        }
        return 0
    }
}

/// Milliseconds spent in `body`, on the monotonic clock.
func milliseconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = ContinuousClock().now
    let result = try body()
    let spent = ContinuousClock().now - start
    return (result, Double(spent.components.seconds) * 1000 + Double(spent.components.attoseconds) / 1e15)
}

/// CPU time (user + system) this process has used so far, in milliseconds.
func cpuMilliseconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) * 1000 + Double(usage.ru_utime.tv_usec) / 1000
    let system = Double(usage.ru_stime.tv_sec) * 1000 + Double(usage.ru_stime.tv_usec) / 1000
    return user + system
}

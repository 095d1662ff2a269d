import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// File-system checks of the loader: existence, readability and POSIX permissions.
enum FileChecks {
    /// The permission bits (`0o644`) of `path`, or `nil` when it cannot be stat'ed.
    static func permissions(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode) & 0o7777
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            && !isDirectory.boolValue
    }

    /// Why `path` cannot be opened for reading as a regular file, or `nil` when it can.
    /// Nothing is read from the file.
    static func unreadableReason(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return errnoDescription() }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return errnoDescription() }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return "not a regular file" }
        return nil
    }

    /// The whole content of `path`, or the reason it could not be read.
    static func readAll(_ path: String) -> Result<[UInt8], FileReadFailure> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .failure(FileReadFailure(reason: errnoDescription())) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(FileReadFailure(reason: errnoDescription()))
            }
            if count == 0 { return .success(bytes) }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }

    /// Who besides the owner may access a file with these permissions: `"group"`, `"others"`,
    /// `"group and others"`, or `nil`, considering only the bits in `mask`.
    static func outsiders(_ mode: Int, mask: Int) -> String? {
        let group = mode & mask & 0o070 != 0
        let others = mode & mask & 0o007 != 0
        switch (group, others) {
        case (true, true): return "group and others"
        case (true, false): return "group"
        case (false, true): return "others"
        case (false, false): return nil
        }
    }

    /// `0644`-style octal text.
    static func octal(_ mode: Int) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func errnoDescription() -> String {
        String(cString: strerror(errno))
    }
}

/// Why a file could not be read (the `strerror` text).
struct FileReadFailure: Error {
    let reason: String
}

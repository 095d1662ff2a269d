import Foundation
import RelanceCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The archive of sent messages: each one's exact bytes in
/// `<state folder>/archive/<YYYY>/<MM>/<store id>-<Message-ID>.eml` (`…-attempt<N>.eml` for a later
/// attempt, whose bytes were re-rendered), written durably (temporary file, fsync, rename, fsync of the
/// folder) so that a journaled archive exists after a power loss.
struct MessageArchive {
    /// Why a file could not be written.
    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    /// The folder the store's database lives in; archive paths are relative to it.
    let stateFolder: URL

    /// `archive/2026/11/12-relance.0f3c…@atelier-dupont.fr.eml` (UTC year and month of `at`).
    static func relativePath(storeID: Int64, messageID: String, attempt: Int, at: Date) -> String {
        // The UTC day from the epoch, by arithmetic: a Calendar per archived message cost more than the rest.
        let day = LocalDate(daysSinceEpoch: Int((at.timeIntervalSince1970 / 86_400).rounded(.down)))
        let month = day.month < 10 ? "0" + String(day.month) : String(day.month)
        let suffix = attempt > 1 ? "-attempt" + String(attempt) : ""
        return "archive/" + String(day.year) + "/" + month + "/" + String(storeID) + "-" + sanitized(messageID) + suffix + ".eml"
    }

    /// The Message-ID reduced to `[A-Za-z0-9.@+=_-]` (anything else becomes `_`), at most 120 bytes.
    static func sanitized(_ messageID: String) -> String {
        let bytes = messageID.utf8.prefix(120).map { isAllowed($0) ? $0 : UInt8(ascii: "_") }
        return bytes.isEmpty ? "no-message-id" : String(decoding: bytes, as: UTF8.self)
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2E, 0x40, 0x2B, 0x3D, 0x5F, 0x2D: return true  // . @ + = _ -
        default: return false
        }
    }

    /// The absolute URL of a path relative to the state folder, or nil when the path could escape the
    /// archive (absolute, `..`, not under `archive/`): paths come from the journal, which may be forged.
    func url(relativePath: String) -> URL? {
        guard Self.isArchivePath(relativePath) else { return nil }
        return stateFolder.appendingPathComponent(relativePath)
    }

    /// Whether a relative path stays inside the archive: starts with `archive/`, no empty, `.` or `..`
    /// component (checked on the bytes: this runs for every archived message).
    static func isArchivePath(_ relativePath: String) -> Bool {
        let components = relativePath.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        return components.count > 1 && components[0].elementsEqual("archive".utf8)
            && !components.contains(where: { $0.isEmpty || $0.elementsEqual(".".utf8) || $0.elementsEqual("..".utf8) })
    }

    /// Writes `bytes` at `relativePath`, replacing a previous file (the same bytes, left by a transaction
    /// that did not commit): folders created, temporary file written and fsynced, renamed, folder fsynced.
    func write(_ bytes: [UInt8], relativePath: String) throws {
        guard let target = url(relativePath: relativePath) else {
            throw WriteError(description: "invalid archive path \(relativePath)")
        }
        let folder = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        } catch {
            throw WriteError(description: "cannot create \(folder.path): \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw Self.posixError("cannot create \(temporary)") }
        var written = 0
        var failure: WriteError?
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = Self.systemWrite(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = Self.posixError("cannot write \(temporary)")
                    return
                }
                written += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = Self.posixError("cannot fsync \(temporary)") }
        if close(fd) != 0 && failure == nil { failure = Self.posixError("cannot close \(temporary)") }
        if failure == nil && rename(temporary, target.path) != 0 {
            failure = Self.posixError("cannot rename \(temporary) to \(target.path)")
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        // The new name (and any folder just created) must reach the disk too.
        var dir = folder
        while dir.path.count >= stateFolder.path.count {
            try Self.fsyncFolder(dir.path)
            if dir.path == stateFolder.path { break }
            dir = dir.deletingLastPathComponent()
        }
    }

    /// The bytes of an archived file, or nil if there is no such file.
    func read(relativePath: String) throws -> Data? {
        guard let target = url(relativePath: relativePath) else { return nil }
        guard FileManager.default.fileExists(atPath: target.path) else { return nil }
        return try Data(contentsOf: target)
    }

    static func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, bytes, count)
        #else
        return Darwin.write(fd, bytes, count)
        #endif
    }

    static func fsyncFolder(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw posixError("cannot open folder \(path)") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw posixError("cannot fsync folder \(path)") }
    }

    static func posixError(_ what: String) -> WriteError {
        WriteError(description: "\(what): \(String(cString: strerror(errno)))")
    }
}

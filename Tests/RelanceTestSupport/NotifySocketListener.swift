import Foundation
import Glibc

/// A real `AF_UNIX`/`SOCK_DGRAM` socket standing in for systemd's notification socket.
public final class NotifySocketListener {
    /// The value to put in `NOTIFY_SOCKET`: a path, or `@name` for an abstract socket.
    public let address: String
    private let fd: Int32
    private let folder: URL?

    /// Binds a socket file in a fresh temporary folder.
    public convenience init() throws {
        let folder = URL(fileURLWithPath: "/tmp").appendingPathComponent(
            "relance-notify-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try self.init(address: folder.appendingPathComponent("notify.sock").path, folder: folder)
    }

    /// Binds an abstract socket (`@relance-test-…`).
    public convenience init(abstract: Void) throws {
        try self.init(address: "@relance-test-\(UUID().uuidString)", folder: nil)
    }

    private init(address: String, folder: URL?) throws {
        self.address = address
        self.folder = folder
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno)!) }
        var path = Array(address.utf8)
        if path.first == UInt8(ascii: "@") { path[0] = 0 }
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { $0.copyBytes(from: path) }
        let length =
            MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)! + path.count
            + (path.first == 0 ? 0 : 1)
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(length)) }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw POSIXError(.init(rawValue: code)!)
        }
        // Never let a missing datagram hang the suite.
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(fd)
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// The next datagram as text, or `nil` after 2 s without one.
    public func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// Whether a datagram is waiting, without blocking.
    public func hasPendingDatagram() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT | MSG_PEEK)) >= 0
    }
}

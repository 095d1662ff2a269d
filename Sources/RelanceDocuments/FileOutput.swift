import Foundation

/// Plain file writes with errors that name the path.
enum FileOutput {
    /// Writes `bytes` to `path`, replacing any file there.
    static func write(_ bytes: [UInt8], to path: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DocumentError.io(path: path, reason: error.localizedDescription)
        }
    }

    /// Writes UTF-8 text to `path`.
    static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    /// Creates `path` and its parents.
    static func makeFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DocumentError.io(path: path, reason: error.localizedDescription)
        }
    }

    /// Copies the file at `source` to `destination`.
    static func copy(_ source: String, to destination: String) throws {
        do {
            try FileManager.default.copyItem(atPath: source, toPath: destination)
        } catch {
            throw DocumentError.io(path: source, reason: "cannot copy: \(error.localizedDescription)")
        }
    }
}

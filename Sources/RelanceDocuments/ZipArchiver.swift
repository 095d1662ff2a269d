import Foundation

/// Zips a folder with `/usr/bin/zip`, or Python's `zipfile` when zip is not installed.
enum ZipArchiver {
    private static let pythonZip = """
        import os, sys, zipfile
        parent, name, out = sys.argv[1:4]
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for folder, subfolders, files in os.walk(os.path.join(parent, name)):
                subfolders.sort()
                for file in sorted(files):
                    path = os.path.join(folder, file)
                    archive.write(path, os.path.relpath(path, parent))
        """

    /// Writes `<parent>/<name>` into the archive `zipPath` (replaced if present), paths starting at `<name>/`.
    static func zip(folder name: String, in parent: String, to zipPath: String) throws {
        let files = FileManager.default
        if files.fileExists(atPath: zipPath) {
            do { try files.removeItem(atPath: zipPath) } catch {
                throw DocumentError.io(path: zipPath, reason: error.localizedDescription)
            }
        }
        if files.isExecutableFile(atPath: "/usr/bin/zip") {
            try run("/usr/bin/zip", ["-q", "-r", "-X", zipPath, name], in: parent)
        } else if files.isExecutableFile(atPath: "/usr/bin/python3") {
            try run("/usr/bin/python3", ["-c", pythonZip, parent, name, zipPath], in: parent)
        } else {
            throw DocumentError.zip("neither /usr/bin/zip nor /usr/bin/python3 is installed")
        }
    }

    private static func run(_ tool: String, _ arguments: [String], in folder: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw DocumentError.zip("cannot run \(tool): \(error.localizedDescription)")
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw DocumentError.zip("\(tool) exited with \(process.terminationStatus): "
                + String(decoding: message, as: UTF8.self))
        }
    }
}

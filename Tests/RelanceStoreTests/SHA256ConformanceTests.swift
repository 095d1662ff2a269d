import CSHA256
import Foundation
import RelanceTestSupport
import Testing
@testable import RelanceStore

/// relance's SHA-256 (CSHA256) gives the digests coreutils' `sha256sum` gives, for every length around
/// the block and padding boundaries and for random contents, whole or fed in random pieces, with the
/// processor's SHA extensions when it has them and with the portable C function. The journal's hash chain
/// depends on it: a digest that differed would make every stored journal fail verification.
@Suite struct SHA256ConformanceTests {
    @Test func digestsMatchSha256sumAcrossBlockBoundariesAndRandomContents() throws {
        var generator = FuzzGenerator.seeded(for: "SHA256ConformanceTests")
        var lengths = Array(0...200) + [255, 256, 257, 511, 512, 513, 1_000, 4_095, 4_096, 4_097]
        lengths += (0..<40).map { _ in Int.random(in: 1...70_000, using: &generator) }
        let inputs = lengths.map { length in (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("relance-sha256-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (index, input) in inputs.enumerated() {
            let path = folder.appendingPathComponent("\(index).bin").path
            try Data(input).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let expected = try Self.sha256sum(paths)
        try #require(expected.count == inputs.count)
        for (index, input) in inputs.enumerated() {
            #expect(SHA256Hex.digest(input) == expected[index], "length \(input.count)")
            #expect(Self.portableDigest(input) == expected[index], "length \(input.count), portable C")
            let stream = SHA256Stream()
            var offset = 0
            while offset < input.count {
                let piece = min(Int.random(in: 1...20_000, using: &generator), input.count - offset)
                stream.update(Array(input[offset..<offset + piece]))
                offset += piece
            }
            #expect(stream.finish() == expected[index], "length \(input.count), in pieces")
        }
    }

    @Test func theProcessorsSHAExtensionsAreUsedWhenItHasThem() throws {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let flagsLine = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }
        let flags = flagsLine.map { $0.split(separator: " ") } ?? []
        try #require(!flags.isEmpty, "no /proc/cpuinfo flags line")
        let expected: Int32 = flags.contains("sha_ni") && flags.contains("ssse3") && flags.contains("sse4_1") ? 1 : 0
        #expect(relance_sha256_hardware_available() == expected)
    }

    private static func portableDigest(_ bytes: [UInt8]) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { md in
            bytes.withUnsafeBytes { relance_sha256_portable($0.baseAddress, $0.count, md.baseAddress) }
            return SHA256Hex.hex(UnsafeRawBufferPointer(md))
        }
    }

    /// The digests `sha256sum` prints for the files, in order.
    private static func sha256sum(_ paths: [String]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = paths
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { String($0.prefix(64)) }
    }
}

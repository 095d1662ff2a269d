import Foundation
import Testing

@testable import RelanceDaemon

/// One `relance run` per store: the second is refused, naming the holder; the lock goes with its holder.
@Suite final class StoreLockTests {
    let folder: URL
    let store: String

    init() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("relance-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = folder.appendingPathComponent("relance.sqlite").path
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The holder named by another process is `OneSenderPerStoreTests`' (integration): here both are this one.
    @Test func aSecondHolderIsRefused() throws {
        let first = try StoreLock(storePath: store)
        #expect(first.path == store + ".lock")
        #expect(throws: StoreLock.Refusal.self) { _ = try StoreLock(storePath: store) }
        withExtendedLifetime(first) {}
    }

    /// The store's path through a symbolic link to its folder.
    private func linkedStore() throws -> String {
        let link = folder.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder)
        return link.appendingPathComponent("relance.sqlite").path
    }

    @Test func theSameStoreThroughASymbolicLinkIsRecognised() throws {
        let linked = try linkedStore()
        let first = try StoreLock(storePath: store)
        let refusal = #expect(throws: StoreLock.Refusal.self) { _ = try StoreLock(storePath: linked) }
        #expect(refusal?.description.contains("this relance process already holds the store") == true)
        withExtendedLifetime(first) {}
    }

    @Test func aPathThroughASymbolicLinkNamesTheSameStore() throws {
        let linked = try linkedStore()
        _ = FileManager.default.createFile(atPath: store, contents: Data())
        #expect(RelanceRuntime.sameFile(store, linked))
        #expect(!RelanceRuntime.sameFile(store, folder.appendingPathComponent("other.sqlite").path))
    }

    @Test func theLockIsFreeOnceItsHolderIsGone() throws {
        do { _ = try StoreLock(storePath: store) }
        let again = try StoreLock(storePath: store)
        withExtendedLifetime(again) {}
    }

    @Test func twoStoresHaveTwoLocks() throws {
        let one = try StoreLock(storePath: store)
        let other = try StoreLock(storePath: folder.appendingPathComponent("other.sqlite").path)
        withExtendedLifetime((one, other)) {}
    }
}

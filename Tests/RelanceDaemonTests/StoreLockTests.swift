import Foundation
import Testing

@testable import RelanceDaemon

/// One `relance run` per store: the second is refused, naming the holder; the lock goes with its holder.
@Suite struct StoreLockTests {
    let folder: URL
    let store: String

    init() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("relance-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = folder.appendingPathComponent("relance.sqlite").path
    }

    /// The holder named by another process is `OneSenderPerStoreTests`' (integration): here both are this one.
    @Test func aSecondHolderIsRefused() throws {
        let first = try StoreLock(storePath: store)
        #expect(first.path == store + ".lock")
        #expect(throws: StoreLock.Refusal.self) { _ = try StoreLock(storePath: store) }
        withExtendedLifetime(first) {}
    }

    @Test func theSameStoreThroughASymbolicLinkIsRecognised() throws {
        let link = folder.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder)
        let linked = link.appendingPathComponent("relance.sqlite").path
        let first = try StoreLock(storePath: store)
        #expect(throws: StoreLock.Refusal.self) { _ = try StoreLock(storePath: linked) }
        do {
            _ = try StoreLock(storePath: linked)
        } catch {
            #expect(error.description.contains("this relance process already holds the store"), "\(error)")
        }
        withExtendedLifetime(first) {}
    }

    @Test func aPathThroughASymbolicLinkNamesTheSameStore() throws {
        let link = folder.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder)
        FileManager.default.createFile(atPath: store, contents: Data())
        #expect(RelanceRuntime.sameFile(store, link.appendingPathComponent("relance.sqlite").path))
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

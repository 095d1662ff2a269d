import Foundation
import RelanceCore
import Testing

@testable import RelanceStore

/// Releasing the page caches between cycles loses nothing: the store reads and writes as before.
@Suite struct ReleaseMemoryTests {
    typealias F = StoreFixtures

    @Test func theStoreWorksTheSameAfterReleasingItsCaches() throws {
        let (store, path) = try StoreFixtures.makeStore()
        defer { StoreFixtures.remove(path) }
        try store.journal(NewJournalEvent(kind: "note", at: F.at(minutes: 0), clientID: "C1", detail: "before"))
        store.releaseMemory()
        #expect(try store.history(client: "C1").map(\.detail) == ["before"])
        try store.journal(NewJournalEvent(kind: "note", at: F.at(minutes: 1), clientID: "C1", detail: "after"))
        store.releaseMemory()
        #expect(try store.history(client: "C1").map(\.detail) == ["before", "after"])
        let memory = try SQLiteStore.inMemory()
        memory.releaseMemory()
        #expect(try memory.history(client: "C1").isEmpty)
    }
}

import Foundation
import GRDB
import RelanceCore
import Testing
@testable import RelanceStore

/// Every message that was (or may have been) delivered has its exact bytes archived as an `.eml` under
/// the state folder, with their SHA-256 in the journal, and `verifyJournal()` re-hashes them.
@Suite struct MessageArchiveTests {
    typealias F = StoreFixtures

    /// Bytes as SMTP carries them, with CRLF, 8-bit text, a NUL and a 0xFF.
    static let bytes: [UInt8] = Array("Message-ID: <abc.123@relance.test>\r\nSubject: Rappel\r\n\r\nBonjour,\r\n".utf8)
        + [0xC3, 0xA9, 0x00, 0xFF, 0x0D, 0x0A]

    private func archivedEvents(_ store: SQLiteStore, invoice: String = "F1") throws -> [JournalEvent] {
        try store.history(invoice: invoice).filter { $0.kind == "message.archived" }
    }

    private func fields(_ event: JournalEvent) -> [String: String] { JournalVerifier.logfmtFields(event.detail) }

    @Test func aSentMessageIsArchivedWithItsExactBytesAndTheirHash() throws {
        let (store, path) = try F.makeStore()
        defer { F.remove(path) }
        let id = try store.beginMessage(F.draft(messageID: "abc.123@relance.test", bytes: Self.bytes), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: id, outcome: .accepted(code: 250, reply: "2.0.0 Ok"), nextAttemptAt: nil, at: F.at(minutes: 1))

        let history = try store.history(invoice: "F1")
        #expect(F.kinds(history) == ["message.sending", "message.sent", "message.archived"])
        let archived = history[2]
        #expect(archived.messageID == id)
        #expect(try store.history(invoice: "F1")[1].detail.hasSuffix("message_id=abc.123@relance.test"))
        let detail = fields(archived)
        #expect(detail["path"] == "archive/2026/01/1-abc.123@relance.test.eml")
        #expect(detail["bytes"] == String(Self.bytes.count))
        #expect(detail["sha256"] == SHA256Hex.digest(Self.bytes))
        #expect(detail["message_id"] == "abc.123@relance.test")
        #expect(detail["attempt"] == "1")
        #expect(archived.detail.hasPrefix("sha256=\(SHA256Hex.digest(Self.bytes)) path=archive/2026/01/1-abc.123@relance.test.eml bytes="))

        let folder = try #require(store.stateFolder)
        #expect(folder.path == URL(fileURLWithPath: path).deletingLastPathComponent().path)
        let file = folder.appendingPathComponent(detail["path"]!)
        #expect([UInt8](try Data(contentsOf: file)) == Self.bytes)
        // No temporary file left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == [file.lastPathComponent])

        let result = try store.verifyJournal()
        #expect(result.isIntact)
        #expect(result.archivesVerified == 1)
    }

    @Test func bytesHandedInWithTheAnswerAreArchivedAsGiven() throws {
        // The daemon passes the bytes it gave the server; the store reads only the Message-ID and the
        // attempt number back. The stored copy differs here so that the test sees which one is archived:
        // the file and its journal entry hold the bytes handed in, and the verification re-hashes them.
        let (store, path) = try F.makeStore()
        defer { F.remove(path) }
        let stored = Array("Subject: stored copy\r\n\r\nnot what was sent\r\n".utf8)
        let id = try store.beginMessage(F.draft(messageID: "abc.123@relance.test", bytes: stored), at: F.at(minutes: 0))
        try store.finishAttempts([FinishedAttempt(
            messageID: id, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 1), bytes: Self.bytes)])
        let detail = fields(try #require(try archivedEvents(store).first))
        #expect(detail["path"] == "archive/2026/01/1-abc.123@relance.test.eml")
        #expect(detail["attempt"] == "1")
        #expect(detail["sha256"] == SHA256Hex.digest(Self.bytes))
        let file = try #require(store.stateFolder).appendingPathComponent(detail["path"]!)
        #expect([UInt8](try Data(contentsOf: file)) == Self.bytes)
        let result = try store.verifyJournal()
        #expect(result.isIntact)
        #expect(result.archivesVerified == 1)
    }

    @Test func unknownMessagesAreArchivedDeferredAndFailedOnesAreNot() throws {
        let (store, path) = try F.makeStore()
        defer { F.remove(path) }
        let deferred = try store.beginMessage(F.draft(client: "C1", invoices: ["A"]), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: deferred, outcome: .transient(code: 451, reply: "later"), nextAttemptAt: nil, at: F.at(minutes: 1))
        let failed = try store.beginMessage(F.draft(client: "C2", invoices: ["B"]), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: failed, outcome: .permanent(code: 550, reply: "no"), nextAttemptAt: nil, at: F.at(minutes: 1))
        let timedOut = try store.beginMessage(F.draft(client: "C3", invoices: ["C"]), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: timedOut, outcome: .unknown(reason: "timeout after the final dot"), nextAttemptAt: nil, at: F.at(minutes: 1))
        let interrupted = try store.beginMessage(F.draft(client: "C4", invoices: ["D"]), at: F.at(minutes: 0))
        _ = try store.recoverInterruptedSends(at: F.at(minutes: 2))

        #expect(try archivedEvents(store, invoice: "A").isEmpty)
        #expect(try archivedEvents(store, invoice: "B").isEmpty)
        #expect(try archivedEvents(store, invoice: "C").map(\.messageID) == [timedOut])
        #expect(try archivedEvents(store, invoice: "D").map(\.messageID) == [interrupted])
        #expect(try store.verifyJournal().archivesVerified == 2)
    }

    /// The archive remembers which folders it already made durable; a folder removed meanwhile is made
    /// again and the next message is still archived (not `message.archive_failed`).
    @Test func anArchiveFolderRemovedWhileRunningIsMadeAgain() throws {
        let (store, path) = try F.makeStore()
        defer { F.remove(path) }
        let first = try store.beginMessage(F.draft(client: "C1", invoices: ["A"]), at: F.at(minutes: 0))
        try store.finishAttempts([FinishedAttempt(messageID: first, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 1))])
        let folder = try #require(store.stateFolder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("archive"))
        let second = try store.beginMessage(F.draft(client: "C2", invoices: ["B"]), at: F.at(minutes: 2))
        try store.finishAttempts([FinishedAttempt(messageID: second, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 3))])

        let archived = try #require(try archivedEvents(store, invoice: "B").first)
        let file = folder.appendingPathComponent(try #require(fields(archived)["path"]))
        #expect(FileManager.default.fileExists(atPath: file.path))
        #expect(try store.history(invoice: "B").contains { $0.kind == "message.archive_failed" } == false)
        // The first file is gone with its folder: the journal check says so, it does not pass silently.
        #expect(try store.verifyJournal().isIntact == false)
    }

    @Test func aRetriedMessageIsArchivedUnderItsAttemptWithTheBytesSentThen() throws {
        let (store, path) = try F.makeStore()
        defer { F.remove(path) }
        let id = try store.beginMessage(F.draft(messageID: "r@relance.test", bytes: Self.bytes), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: id, outcome: .transient(code: 451, reply: "later"), nextAttemptAt: nil, at: F.at(minutes: 1))
        let rerendered = Array("re-rendered with today's amounts\r\n".utf8)
        try store.beginRetry(messageID: id, bytes: rerendered, at: F.at(minutes: 2))
        try store.finishAttempt(messageID: id, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 3))

        let archived = try #require(try archivedEvents(store).only)
        #expect(fields(archived)["path"] == "archive/2026/01/1-r@relance.test-attempt2.eml")
        #expect(fields(archived)["attempt"] == "2")
        let file = try #require(store.stateFolder).appendingPathComponent(fields(archived)["path"]!)
        #expect([UInt8](try Data(contentsOf: file)) == rerendered)
        #expect(try store.verifyJournal().isIntact)
    }

    @Test func anUnknownMessageResolvedAsDeliveredIsNotArchivedTwice() throws {
        let (store, path) = try F.makeStore()
        defer { F.remove(path) }
        let id = try store.beginMessage(F.draft(), at: F.at(minutes: 0))
        _ = try store.recoverInterruptedSends(at: F.at(minutes: 1))
        try store.resolveUnknown(messageID: id, delivered: true, note: "queued as ABC", by: "operator", at: F.at(minutes: 2))
        #expect(try archivedEvents(store).count == 1)
        #expect(try store.history(invoice: "F1").last?.detail.contains("message_id=") == true)
        #expect(try store.verifyJournal().isIntact)
    }

    @Test func anEditedOrMissingEmlIsFound() throws {
        let (store, path) = try F.makeStore()
        defer { F.remove(path) }
        let id = try store.beginMessage(F.draft(bytes: Self.bytes), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: id, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 1))
        try store.journal(NewJournalEvent(kind: "operator.note", at: F.at(minutes: 2), detail: "after"))
        let archived = try #require(try archivedEvents(store).only)
        let file = try #require(store.stateFolder).appendingPathComponent(fields(archived)["path"]!)

        var edited = Self.bytes
        edited[30] ^= 0x01
        try Data(edited).write(to: file)
        var result = try store.verifyJournal()
        var broken = try #require(result.firstBreak)
        #expect(broken.entryID == archived.id)
        #expect(broken.reason == .archiveMismatch)
        #expect(broken.detail.contains("was altered"))
        #expect(result.archivesVerified == 0)

        try FileManager.default.removeItem(at: file)
        result = try store.verifyJournal()
        broken = try #require(result.firstBreak)
        #expect(broken.entryID == archived.id)
        #expect(broken.reason == .archiveMissing)
    }

    @Test func aMessageThatCannotBeArchivedIsStillRecordedAsSent() throws {
        let (store, path) = try F.makeStore()
        defer { F.remove(path) }
        // A file where the archive folder should be: the folder cannot be created.
        let folder = try #require(store.stateFolder)
        try Data("in the way".utf8).write(to: folder.appendingPathComponent("archive"))
        let id = try store.beginMessage(F.draft(), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: id, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 1))

        #expect(try store.message(id: id)?.state == .sent)
        let last = try #require(try store.history(invoice: "F1").last)
        #expect(last.kind == "message.archive_failed")
        #expect(fields(last)["reason"]?.contains("cannot create") == true)
        let result = try store.verifyJournal()
        #expect(result.isIntact)
        #expect(result.archiveFailures == 1)
        #expect(result.archivesVerified == 0)
    }

    @Test func inMemoryStoresArchiveNothing() throws {
        let store = try SQLiteStore.inMemory()
        let id = try store.beginMessage(F.draft(), at: F.at(minutes: 0))
        try store.finishAttempt(messageID: id, outcome: .accepted(code: 250, reply: "ok"), nextAttemptAt: nil, at: F.at(minutes: 1))
        #expect(store.stateFolder == nil)
        #expect(F.kinds(try store.history(invoice: "F1")) == ["message.sending", "message.sent"])
    }

    @Test func fileNamesAreSafeWhateverTheMessageID() {
        #expect(MessageArchive.sanitized("relance.0f3c@atelier-dupont.fr") == "relance.0f3c@atelier-dupont.fr")
        #expect(MessageArchive.sanitized("../a/b<c> d\u{E9}@x") == ".._a_b_c__d__@x")
        #expect(MessageArchive.sanitized("") == "no-message-id")
        #expect(MessageArchive.sanitized(String(repeating: "x", count: 500)).utf8.count == 120)
        #expect(MessageArchive.relativePath(storeID: 7, messageID: "m@x", attempt: 1, at: F.t0) == "archive/2026/01/7-m@x.eml")
        #expect(MessageArchive.relativePath(storeID: 7, messageID: "m@x", attempt: 3, at: Date(timeIntervalSince1970: 1_796_000_000))
            == "archive/2026/11/7-m@x-attempt3.eml")
        let archive = MessageArchive(stateFolder: URL(fileURLWithPath: "/var/lib/relance"))
        #expect(archive.url(relativePath: "archive/2026/01/7-m@x.eml")?.path == "/var/lib/relance/archive/2026/01/7-m@x.eml")
        #expect(archive.url(relativePath: "archive/../relance.sqlite") == nil)
        #expect(archive.url(relativePath: "/etc/passwd") == nil)
        #expect(archive.url(relativePath: "relance.sqlite") == nil)
        for bad in ["archive", "archive/", "archive//a.eml", "archive/./a.eml", "archive/2026/..", "Archive/a.eml", "archives/a.eml", "./archive/a.eml"] {
            #expect(archive.url(relativePath: bad) == nil)
            #expect(!MessageArchive.isArchivePath(bad))
        }
        #expect(MessageArchive.isArchivePath("archive/2026/01/7-..m@x.eml"))
        // A batch never writes outside the archive: the bad path fails alone, the good one is written.
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("relance-archive-batch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let errors = MessageArchive(stateFolder: folder).writeAll([
            .init(bytes: [0x41], relativePath: "archive/../escape.eml"), .init(bytes: [0x42], relativePath: "archive/2026/01/ok.eml"),
        ])
        #expect(errors[0] != nil && errors[1] == nil)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("escape.eml").path))
        #expect(FileManager.default.contents(atPath: folder.appendingPathComponent("archive/2026/01/ok.eml").path) == Data([0x42]))
    }
}

extension Array {
    /// The single element, or nil when there are none or several.
    fileprivate var only: Element? { count == 1 ? first : nil }
}

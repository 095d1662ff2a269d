/// The result of `SQLiteStore.verifyJournal()`: how far the hash chain and the message archive check
/// out, and the first place where they do not.
public struct JournalVerification: Sendable, Hashable {
    /// Why an entry does not check out.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// The entry's content no longer hashes to its `hash`: it was edited.
        case hashMismatch = "hash_mismatch"
        /// The entry's `prev_hash` is not the previous entry's hash: an entry before it was deleted,
        /// inserted or rewritten (with its hash recomputed).
        case prevHashMismatch = "prev_hash_mismatch"
        /// An id is missing from the sequence (ids are gap-free by design): the entry was deleted. Also
        /// reported when the journal ends before the id recorded in `journal_head` (last entries deleted).
        case missingEntry = "missing_entry"
        /// `journal_head` disagrees with the last entry (its hash, or entries appended behind its back).
        case headMismatch = "head_mismatch"
        /// A `message.archived` entry names an `.eml` file that is not there.
        case archiveMissing = "archive_missing"
        /// An archived `.eml` file no longer has the size or SHA-256 its `message.archived` entry records.
        case archiveMismatch = "archive_mismatch"
        /// The invoice rows a `ledger.imported` entry introduced no longer have the count or SHA-256 its
        /// detail records (an imported invoice's first appearance was edited, deleted or re-attributed), or
        /// invoice rows name an entry that is not a `ledger.imported` entry.
        case ledgerMismatch = "ledger_mismatch"
        /// A row that relance cannot have written (a column of the wrong type, a missing hash, a link to
        /// an entry that does not exist, an unreadable `message.archived` detail).
        case malformedEntry = "malformed_entry"
    }

    /// The first entry that does not check out.
    public struct Break: Sendable, Hashable {
        /// The id of the entry (for a deletion: the id of the missing entry).
        public var entryID: Int64
        /// What kind of problem it is.
        public var reason: Reason
        /// What exactly differs, for a person.
        public var detail: String

        /// A problem found at `entryID`.
        public init(entryID: Int64, reason: Reason, detail: String) {
            self.entryID = entryID
            self.reason = reason
            self.detail = detail
        }
    }

    /// Entries that checked out, from the first, before the break if there is one.
    public var entriesChecked: Int
    /// Archived `.eml` files re-hashed and found identical, before the break if there is one.
    public var archivesVerified: Int
    /// `message.archive_failed` entries seen: messages sent whose bytes could not be archived.
    public var archiveFailures: Int
    /// The hash of the last entry that checked out (64 zeros for an empty journal). When the journal is
    /// intact this is the head of the chain: keep a copy outside the machine to detect a full rewrite.
    public var lastHash: String
    /// The first problem found, or nil when the whole journal and every archive check out.
    public var firstBreak: Break?

    /// True when nothing was found edited, deleted or inserted.
    public var isIntact: Bool { firstBreak == nil }

    /// A result as `SQLiteStore.verifyJournal()` builds it.
    public init(entriesChecked: Int, archivesVerified: Int, archiveFailures: Int, lastHash: String, firstBreak: Break?) {
        self.entriesChecked = entriesChecked
        self.archivesVerified = archivesVerified
        self.archiveFailures = archiveFailures
        self.lastHash = lastHash
        self.firstBreak = firstBreak
    }
}

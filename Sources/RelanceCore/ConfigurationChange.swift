/// What a reload changed, for the `config.reloaded` log line and the journal.
public struct ConfigurationChange: Sendable, Hashable, CustomStringConvertible {
    public var clientsAdded: [ClientID] = []
    public var clientsRemoved: [ClientID] = []
    public var clientsChanged: [ClientID] = []
    public var schedulesChanged: [String] = []
    /// Other sections that differ (`creditor`, `smtp`, `sending`, `ledger`, `state`, `templates`).
    public var sectionsChanged: [String] = []
    /// Template files whose text changed (the reload reads them; the configuration does not hold them).
    public var templatesChanged: [String] = []

    /// Compares two configurations.
    public init(from old: RelanceConfiguration, to new: RelanceConfiguration) {
        if old.clients.count == new.clients.count, zip(old.clients, new.clients).allSatisfy({ $0.id == $1.id }) {
            // The usual reload: the same clients in the same order, compared in place.
            clientsChanged = zip(old.clients, new.clients).filter { $0 != $1 }.map(\.1.id)
        } else {
            let before = Dictionary(old.clients.indices.map { (old.clients[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
            let after = Set(new.clients.map(\.id))
            clientsAdded = new.clients.map(\.id).filter { before[$0] == nil }
            clientsRemoved = old.clients.map(\.id).filter { !after.contains($0) }
            clientsChanged = new.clients.filter { client in before[client.id].map { old.clients[$0] != client } ?? false }.map(\.id)
        }
        schedulesChanged = Set(old.schedules.keys).union(new.schedules.keys).filter { old.schedules[$0] != new.schedules[$0] }.sorted()
        if old.creditor != new.creditor { sectionsChanged.append("creditor") }
        if old.smtp != new.smtp { sectionsChanged.append("smtp") }
        if old.sending != new.sending { sectionsChanged.append("sending") }
        if old.ledger != new.ledger { sectionsChanged.append("ledger") }
        if old.statePath != new.statePath { sectionsChanged.append("state") }
        if old.templatesPath != new.templatesPath { sectionsChanged.append("templates") }
    }

    public var isEmpty: Bool {
        clientsAdded.isEmpty && clientsRemoved.isEmpty && clientsChanged.isEmpty && schedulesChanged.isEmpty
            && sectionsChanged.isEmpty && templatesChanged.isEmpty
    }

    /// One line: `clients +C007 -C003 ~C001; schedules ~standard; sections smtp; templates second.txt`.
    public var description: String {
        var parts: [String] = []
        let clients = clientsAdded.map { "+\($0)" } + clientsRemoved.map { "-\($0)" } + clientsChanged.map { "~\($0)" }
        if !clients.isEmpty { parts.append("clients " + clients.joined(separator: " ")) }
        if !schedulesChanged.isEmpty { parts.append("schedules " + schedulesChanged.map { "~\($0)" }.joined(separator: " ")) }
        if !sectionsChanged.isEmpty { parts.append("sections " + sectionsChanged.joined(separator: " ")) }
        if !templatesChanged.isEmpty { parts.append("templates " + templatesChanged.joined(separator: " ")) }
        return parts.isEmpty ? "no change" : parts.joined(separator: "; ")
    }
}

import RelanceCore

/// The `clients:` section as read.
struct ParsedClients {
    /// The clients whose every field is valid, in config order.
    var clients: [Client] = []
    /// Who writes in which language under which schedule, for every client whose `id`, `language`
    /// and `schedule` are valid (even if another field is not): what the template check needs.
    var usages: [(id: String, language: Language, schedule: String)] = []
}

/// One item of `clients:` as `readClient` read it, before the checks across items and sections.
struct ReadClient: Sendable {
    var id: Located<String>?
    var schedule: Located<String>?
    /// The client, when every field is valid (a repeated id or an unknown schedule drops it later).
    var client: Client?
    /// What the template check needs, when the id, language and schedule are valid.
    var usage: (id: String, language: Language, schedule: String)?

    init(id: Located<String>?, schedule: Located<String>?) {
        self.id = id
        self.schedule = schedule
    }
}

extension ConfigParser {
    static let clientKeys = [
        "id", "name", "contact", "email", "cc", "language", "timezone", "schedule", "kind", "phone",
        "address", "insolvent",
    ]
    static let languageNames = Language.allCases.map(\.rawValue)

    /// The `clients:` list. Unknown schedules are reported only when the `schedules:` section exists.
    ///
    /// `read` holds the items already read (`readClient`, on another thread while the text was composed:
    /// `ClientReading`); any item it lacks is read here.
    func parseClients(_ top: MappingReader, schedules: ParsedSchedules?, read: [ReadClient?] = []) -> ParsedClients? {
        guard let (_, items) = top.list("clients", required: true) else { return nil }
        var parsed = ParsedClients()
        var ids: [String: Position] = [:]
        for (index, item) in items.enumerated() {
            let entry = index < read.count ? read[index] : readClient(item, index: index)
            guard var client = entry else { continue }
            if let id = client.id {
                if let first = ids[id.value] {
                    log.error(
                        "duplicate client id `\(id.value)` (first at line \(first.line), column \(first.column))",
                        at: id.position)
                    client.client = nil
                } else {
                    ids[id.value] = id.position
                }
            }
            if let schedule = client.schedule, let declared = schedules?.declared, !declared.contains(schedule.value) {
                let hint = Suggestion.hint(for: schedule.value, among: declared)
                log.error("`clients[\(index)].schedule`: unknown schedule `\(schedule.value)`\(hint)", at: schedule.position)
                client.client = nil
            }
            if let usage = client.usage { parsed.usages.append(usage) }
            if let value = client.client { parsed.clients.append(value) }
        }
        return parsed
    }

    /// One item of `clients:` read on its own: everything but what needs the other items (repeated ids)
    /// or the other sections (declared schedules). Nil when the item is not a mapping (reported).
    func readClient(_ item: ConfigNode, index: Int) -> ReadClient? {
        guard let reader = MappingReader(item, path: "clients[\(index)]", log: log) else { return nil }
        reader.rejectUnknownKeys(allowed: Self.clientKeys)
        var valid = true
        let id = reader.text("id", required: true)
        let name = reader.text("name", required: true)
        let contact = reader.text("contact")
        let emails = clientEmails(reader, valid: &valid)
        let cc = optionalEmails(reader, "cc", valid: &valid)
        let language = optional(reader, "language", valid: &valid) {
            reader.choice($0, Language.init(rawValue:), names: Self.languageNames)
        }
        let timeZone = reader.text("timezone")
        if let timeZone, !checkTimeZone(timeZone, name: reader.qualified("timezone")) { valid = false }
        if timeZone == nil, reader.entry("timezone") != nil { valid = false }
        let schedule = reader.text("schedule", required: true)
        let kind = optional(reader, "kind", valid: &valid) {
            reader.choice($0, ClientKind.init(rawValue:), names: ["business", "consumer"])
        }
        let phone = reader.text("phone")
        let insolvent = optional(reader, "insolvent", valid: &valid) { reader.boolean($0) }
        let address = reader.textList("address")
        if address == nil, reader.entry("address") != nil { valid = false }

        var read = ReadClient(id: id, schedule: schedule)
        let languageKnown = language != nil || reader.entry("language") == nil
        if let id, let schedule, languageKnown { read.usage = (id.value, language?.value ?? .fr, schedule.value) }
        guard valid, let id, let name, let emails, let schedule else { return read }
        // Texts copied out of the YAML tree (`detached`): a client that kept the tree's own strings would
        // pin its pages, and a 100,000-client tree could not go back to the system.
        read.client = Client(
            id: id.value.detached, name: name.value.detached, contact: contact?.value.detached,
            emails: emails.map(\.detached), cc: (cc ?? []).map(\.detached),
            language: language?.value ?? .fr, timeZoneIdentifier: timeZone?.value.detached,
            scheduleName: schedule.value.detached, kind: kind?.value ?? .business, phone: phone?.value.detached,
            address: address?.map(\.value.detached) ?? [], insolvent: insolvent?.value ?? false)
        return read
    }

    /// `email:`: a non-empty list of valid addresses.
    private func clientEmails(_ reader: MappingReader, valid: inout Bool) -> [EmailAddress]? {
        guard let (entry, items) = reader.list("email", required: true) else {
            valid = false
            return nil
        }
        if items.isEmpty {
            log.error(
                "`\(reader.qualified("email"))` must list at least one address", at: entry.valuePosition)
            valid = false
            return nil
        }
        return optionalEmails(reader, "email", valid: &valid)
    }

    /// A list of addresses; `valid` is cleared when any is missing or malformed.
    private func optionalEmails(_ reader: MappingReader, _ key: String, valid: inout Bool) -> [EmailAddress]?
    {
        guard let entry = reader.entry(key) else { return nil }
        let count: Int
        if case .sequence(let sequence) = entry.value { count = sequence.count } else { count = -1 }
        guard let addresses = emailAddresses(reader, key), addresses.count == count else {
            valid = false
            return nil
        }
        return addresses
    }
}

extension String {
    /// The same text in storage of its own (a short text is stored inline and is returned as is).
    var detached: String {
        utf8.count <= 15 ? self : String(decoding: Array(utf8), as: UTF8.self)
    }
}

extension EmailAddress {
    /// The same address in storage of its own (see `String.detached`).
    var detached: EmailAddress { EmailAddress(value.detached) ?? self }
}

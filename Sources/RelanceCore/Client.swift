/// A client's identifier as written in the config and the ledger's `client` column.
public typealias ClientID = String

/// The language of a client's messages. The contract ships `fr` and `en`.
public enum Language: String, Sendable, CaseIterable, Hashable {
    case fr, en
}

/// Whether a debtor is a business or a consumer: it changes interest, fees and deadlines.
public enum ClientKind: String, Sendable, Hashable {
    case business, consumer
}

/// A debtor, as configured.
public struct Client: Sendable, Hashable {
    public var id: ClientID
    public var name: String
    public var contact: String?
    public var emails: [EmailAddress]
    public var cc: [EmailAddress]
    public var language: Language
    /// IANA identifier; `nil` means the sending policy's time zone.
    public var timeZoneIdentifier: String?
    public var scheduleName: String
    public var kind: ClientKind
    public var phone: String?
    public var address: [String]
    /// Under collective proceedings (sauvegarde, redressement, liquidation): never chased again; the
    /// claim is declared to the mandataire instead (`relance claim --client ID`).
    public var insolvent: Bool

    public init(
        id: ClientID, name: String, contact: String? = nil, emails: [EmailAddress], cc: [EmailAddress] = [],
        language: Language = .fr, timeZoneIdentifier: String? = nil, scheduleName: String,
        kind: ClientKind = .business, phone: String? = nil, address: [String] = [], insolvent: Bool = false
    ) {
        self.id = id
        self.name = name
        self.contact = contact
        self.emails = emails
        self.cc = cc
        self.language = language
        self.timeZoneIdentifier = timeZoneIdentifier
        self.scheduleName = scheduleName
        self.kind = kind
        self.phone = phone
        self.address = address
        self.insolvent = insolvent
    }
}

/// The whole, validated configuration: immutable values, every path absolute.
public struct RelanceConfiguration: Sendable {
    /// The config file it was read from (absolute).
    public var sourcePath: String
    public var creditor: Creditor
    public var smtp: SMTPSettings
    /// Absolute path of the SQLite store.
    public var statePath: String
    /// Absolute path of the templates folder.
    public var templatesPath: String
    public var ledger: LedgerSettings
    /// Absolute path of the folder of extra rate tables, if configured.
    public var ratesPath: String?
    public var sending: SendingPolicy
    public var schedules: [String: Schedule]
    /// Clients in config order.
    public var clients: [Client] {
        didSet { clientPositions = Self.positions(of: clients) }
    }
    /// Each client id's place in `clients` (the first, should an id repeat): `client(_:)` without a scan.
    private var clientPositions: [ClientID: Int]
    /// Who gets the daily operator digest, if anyone.
    public var operatorSettings: OperatorSettings?

    public init(
        sourcePath: String, creditor: Creditor, smtp: SMTPSettings, statePath: String, templatesPath: String,
        ledger: LedgerSettings, ratesPath: String? = nil, sending: SendingPolicy, schedules: [String: Schedule],
        clients: [Client], operatorSettings: OperatorSettings? = nil
    ) {
        self.sourcePath = sourcePath
        self.creditor = creditor
        self.smtp = smtp
        self.statePath = statePath
        self.templatesPath = templatesPath
        self.ledger = ledger
        self.ratesPath = ratesPath
        self.sending = sending
        self.schedules = schedules
        self.clients = clients
        self.clientPositions = Self.positions(of: clients)
        self.operatorSettings = operatorSettings
    }

    /// The client with this id, if configured (the first, should an id repeat).
    public func client(_ id: ClientID) -> Client? { clientPositions[id].map { clients[$0] } }

    private static func positions(of clients: [Client]) -> [ClientID: Int] {
        Dictionary(clients.indices.map { (clients[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// The `ledger:` section.
public struct LedgerSettings: Sendable, Hashable {
    /// Absolute path of the CSV export.
    public var path: String
    /// Absolute path of the optional payments CSV.
    public var paymentsPath: String?
    /// Older than this many hours, the ledger holds every send.
    public var maxAgeHours: Int

    public init(path: String, paymentsPath: String? = nil, maxAgeHours: Int = 36) {
        self.path = path
        self.paymentsPath = paymentsPath
        self.maxAgeHours = maxAgeHours
    }
}

/// The `operator:` section: the daily digest's address and local time (in `sending.timezone`).
public struct OperatorSettings: Sendable, Hashable {
    public var email: EmailAddress
    public var digestAt: LocalTime

    public init(email: EmailAddress, digestAt: LocalTime) {
        self.email = email
        self.digestAt = digestAt
    }
}

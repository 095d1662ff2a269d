/// How STARTTLS is used on an `smtp://` URL.
public enum StartTLSPolicy: String, Sendable, Hashable {
    /// Upgrade or fail; never send in clear.
    case required
    /// Upgrade when offered.
    case optional
    /// Never upgrade.
    case never
}

/// The `smtp:` section of the config. The password itself is never held here, only its file.
public struct SMTPSettings: Sendable, Hashable {
    public var url: String
    public var startTLS: StartTLSPolicy
    public var username: String?
    /// Absolute path of the file holding the password.
    public var passwordFile: String?
    public var timeoutSeconds: Int
    public var maxConnections: Int
    public var maxPerMinute: Int
    /// A message still deferred this long after it was first tried becomes a task for a person.
    public var maxDeferredHours: Int
    /// An address whose messages were deferred (4xx from the server) this many times in a row, with no
    /// acceptance in between, is marked undeliverable as a 5xx would (connection failures not counted).
    public var undeliverableAfterDeferrals: Int

    public init(
        url: String, startTLS: StartTLSPolicy = .required, username: String? = nil, passwordFile: String? = nil,
        timeoutSeconds: Int = 30, maxConnections: Int = 2, maxPerMinute: Int = 60, maxDeferredHours: Int = 72,
        undeliverableAfterDeferrals: Int = 5
    ) {
        self.url = url
        self.startTLS = startTLS
        self.username = username
        self.passwordFile = passwordFile
        self.timeoutSeconds = timeoutSeconds
        self.maxConnections = maxConnections
        self.maxPerMinute = maxPerMinute
        self.maxDeferredHours = maxDeferredHours
        self.undeliverableAfterDeferrals = undeliverableAfterDeferrals
    }
}

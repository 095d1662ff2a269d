extension Jurisdiction {
    /// The time zone a creditor of this jurisdiction sends in when `sending.timezone` is not given.
    public var timeZoneIdentifier: String {
        switch self {
        case .fr: "Europe/Paris"
        case .uk: "Europe/London"
        case .de: "Europe/Berlin"
        }
    }
}

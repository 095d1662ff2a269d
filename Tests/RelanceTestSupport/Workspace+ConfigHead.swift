extension Workspace {
    /// The head of a small scenario's config: the demo's French creditor, `smtpURL` without STARTTLS, the
    /// store, the shipped templates, the ledger (`ledger`: the entries of its mapping) and the `sending`
    /// mapping's entries when given. The test appends its `schedules:` and `clients:`.
    public static func configHead(smtpURL: String, ledger: String = #"path: "ledger.csv""#, sending: String? = nil) -> String {
        """
        creditor: { name: "Atelier Dupont SARL", email: "compta@atelier-dupont.fr", jurisdiction: FR, address: ["12 rue des Lilas", "75011 Paris"] }
        smtp: { url: "\(smtpURL)", starttls: never }
        state: "state/relance.sqlite"
        templates: "templates"
        ledger: { \(ledger) }

        """ + (sending.map { "sending: { \($0) }\n" } ?? "")
    }
}

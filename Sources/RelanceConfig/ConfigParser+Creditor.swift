import RelanceCore

extension ConfigParser {
    static let creditorKeys = [
        "name", "email", "reply_to", "phone", "address", "siren", "iban", "jurisdiction",
        "payment_imputation",
    ]
    static let jurisdictionNames = ["FR", "UK", "DE"]

    /// The `creditor:` section.
    func parseCreditor(_ reader: MappingReader) -> Creditor? {
        reader.rejectUnknownKeys(allowed: Self.creditorKeys)
        let name = reader.text("name", required: true)
        let email = reader.text("email", required: true).flatMap { emailAddress($0, name: "creditor.email") }
        let replyToText = reader.text("reply_to")
        let replyTo = replyToText.flatMap { emailAddress($0, name: "creditor.reply_to") }
        let address = reader.textList("address")
        let jurisdictionEntry = reader.entry("jurisdiction")
        let jurisdiction = reader.choice(
            "jurisdiction", Jurisdiction.init(rawValue:), names: Self.jurisdictionNames)
        let phone = reader.text("phone")
        let siren = reader.text("siren")
        let iban = reader.text("iban")
        let imputationEntry = reader.entry("payment_imputation")
        let imputation = reader.choice(
            "payment_imputation", LateInterestOptions.PaymentImputation.init(rawValue:),
            names: LateInterestOptions.PaymentImputation.allCases.map(\.rawValue))

        guard let name, let email, replyToText == nil || replyTo != nil,
            jurisdictionEntry == nil || jurisdiction != nil, imputationEntry == nil || imputation != nil
        else { return nil }
        return Creditor(
            name: name.value, email: email, replyTo: replyTo, phone: phone?.value,
            address: address?.map(\.value) ?? [], siren: siren?.value, iban: iban?.value,
            jurisdiction: jurisdiction?.value ?? .fr, paymentImputation: imputation?.value)
    }

    /// The `ledger:` section.
    func parseLedger(_ reader: MappingReader) -> LedgerSettings? {
        reader.rejectUnknownKeys(allowed: ["path", "payments", "max_age_hours"])
        let ledgerPath = path(reader, "path", required: true)
        let payments = path(reader, "payments")
        let maxAgeEntry = reader.entry("max_age_hours")
        let maxAge = reader.integer("max_age_hours", minimum: 1, maximum: 1_000_000)
        guard let ledgerPath, maxAgeEntry == nil || maxAge != nil else { return nil }
        return LedgerSettings(
            path: ledgerPath.value, paymentsPath: payments?.value, maxAgeHours: maxAge?.value ?? 36)
    }

    /// The optional `operator:` section: who gets the daily digest, and when (default 08:30).
    func parseOperator(_ reader: MappingReader) -> OperatorSettings? {
        reader.rejectUnknownKeys(allowed: ["email", "digest_at"])
        let address = reader.text("email").flatMap { emailAddress($0, name: "operator.email") }
        var at = LocalTime(hour: 8, minute: 30)!
        if let digest = reader.text("digest_at") {
            if let time = LocalTime(text: digest.value), digest.value != "24:00" {
                at = time
            } else {
                log.error("`operator.digest_at` must be a time HH:MM, found `\(digest.value)`", at: digest.position)
                return nil
            }
        }
        return address.map { OperatorSettings(email: $0, digestAt: at) }
    }
}

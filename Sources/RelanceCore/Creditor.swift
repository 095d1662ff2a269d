/// The legal system whose late-payment rules apply.
public enum Jurisdiction: String, Sendable, Hashable {
    case fr = "FR", uk = "UK", de = "DE"
}

/// Who is owed: appears in every message and letter.
public struct Creditor: Sendable, Hashable {
    public var name: String
    public var email: EmailAddress
    public var replyTo: EmailAddress?
    public var phone: String?
    public var address: [String]
    public var siren: String?
    public var iban: String?
    public var jurisdiction: Jurisdiction
    /// `creditor.payment_imputation`: how partial payments are shared between interest and principal;
    /// `nil` for the jurisdiction's default (`LateInterestOptions.imputation(for:)`).
    public var paymentImputation: LateInterestOptions.PaymentImputation?

    public init(
        name: String, email: EmailAddress, replyTo: EmailAddress? = nil, phone: String? = nil,
        address: [String] = [], siren: String? = nil, iban: String? = nil, jurisdiction: Jurisdiction = .fr,
        paymentImputation: LateInterestOptions.PaymentImputation? = nil
    ) {
        self.name = name
        self.email = email
        self.replyTo = replyTo
        self.phone = phone
        self.address = address
        self.siren = siren
        self.iban = iban
        self.jurisdiction = jurisdiction
        self.paymentImputation = paymentImputation
    }
}

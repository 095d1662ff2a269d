import RelanceCore

/// How a document names the late-payment law of the creditor's jurisdiction for the debtor's kind, in
/// its language: the interest and the fixed sum, their legal basis, and the words for an interest whose
/// rate is unknown. The figures come from `LateInterestCalculator`; these sentences only say on what law
/// they rest, so that a UK or German creditor's document never cites French law.
///
/// - FR business: C. com. L441-10 penalties and the €40 indemnity (D441-5).
/// - FR consumer: legal interest from the formal notice (C. civ. 1231-6, 1344-1).
/// - UK business: Late Payment of Commercial Debts (Interest) Act 1998, base rate + 8 %, £40/£70/£100.
/// - UK consumer: the Act does not apply and relance claims no interest: no basis is stated.
/// - DE: § 288 BGB, Basiszinssatz + 9 points (business, with the €40 Pauschale) or + 5 (consumer).
struct LateInterestLawWording {
    let jurisdiction: Jurisdiction
    let kind: ClientKind
    let language: Language
    var fr: Bool { language == .fr }
    var business: Bool { kind == .business }

    /// The interest column's heading.
    var interestName: String {
        switch (jurisdiction, kind) {
        case (.fr, .business): return fr ? "Pénalités de retard" : "Late-payment interest"
        case (.fr, .consumer), (.uk, .consumer): return fr ? "Intérêts" : "Interest"
        case (.uk, .business): return fr ? "Intérêts de retard" : "Statutory interest"
        case (.de, _): return fr ? "Intérêts de retard" : "Default interest"
        }
    }

    /// The fixed sum's column heading (businesses only).
    var indemnityName: String {
        switch jurisdiction {
        case .fr: return fr ? "Indemnité forfaitaire" : "Recovery indemnity"
        case .uk: return fr ? "Indemnité forfaitaire" : "Fixed-sum compensation"
        case .de: return fr ? "Indemnité forfaitaire" : "Flat-rate fee"
        }
    }

    /// An interest whose rate is unknown, in a table cell (no amount).
    var unknownInterest: String {
        switch jurisdiction {
        // Between businesses, L441-10 penalties (ECB + 10), not interest at the legal rate.
        case .fr where kind == .business:
            return fr ? "pénalités de retard (article L441-10 du Code de commerce)" : "late-payment interest (Article L441-10 of the French Commercial Code)"
        case .fr: return fr ? "intérêts au taux légal" : "interest at the statutory rate"
        case .uk: return fr ? "intérêts de retard" : "statutory interest"
        case .de: return fr ? "intérêts de retard" : "default interest"
        }
    }

    /// Interest as a table cell: the amount, or `à parfaire` / `to be determined` when a rate is unknown
    /// (the text under the table names it: ``unknownInterestDetail``).
    func cell(_ claim: ClaimLine) -> String {
        claim.interest.map(language.format) ?? (fr ? "à parfaire" : "to be determined")
    }

    /// An invoice's interest whose rate is unknown, explained: `intérêts au taux légal (montant à parfaire)`
    /// (a consumer; a business: the L441-10 penalties).
    var unknownInterestDetail: String {
        unknownInterest + (fr ? " (montant à parfaire)" : " (amount to be determined)")
    }

    /// Added to a total that leaves an unknown interest out: `, outre les intérêts au taux légal`.
    var plusUnknownInterest: String { (fr ? ", outre les " : ", plus ") + unknownInterest }

    /// The legal basis of the interest and of the fixed sum, in one sentence; `nil` when the law gives the
    /// creditor neither (a UK consumer). `indemnity`: the fixed sum as the claims give it (FR and DE).
    func basis(indemnity: Money?) -> String? {
        switch (jurisdiction, kind) {
        case (.fr, .business):
            let amount = language.format(indemnity ?? Money(minorUnits: 4000, currency: .eur))
            return fr
                ? "Conformément à l'article L441-10 du Code de commerce, ces sommes portent de plein droit des pénalités de retard (taux de la Banque centrale européenne majoré de 10 points, sauf taux contractuel), et chaque facture payée en retard donne lieu à une indemnité forfaitaire pour frais de recouvrement de \(amount) (article D441-5 du Code de commerce)."
                : "Under Article L441-10 of the French Commercial Code, late-payment interest accrues on these sums by operation of law (the European Central Bank rate plus 10 percentage points, unless a contractual rate applies), and each invoice paid late bears a fixed recovery indemnity of \(amount) (Article D441-5 of the French Commercial Code)."
        case (.fr, .consumer):
            return fr
                ? "Ces sommes portent intérêts au taux légal à compter de la présente mise en demeure (articles 1231-6 et 1344-1 du Code civil)."
                : "Interest at the statutory rate runs on these sums from this formal notice (Articles 1231-6 and 1344-1 of the French Civil Code)."
        case (.uk, .business):
            let bands = [4_000, 7_000, 10_000].map { language.format(Money(minorUnits: Int64($0), currency: .gbp)) }
            let under = [1_000_00, 10_000_00].map { language.format(Money(minorUnits: Int64($0), currency: .gbp)) }
            return fr
                ? "En application du Late Payment of Commercial Debts (Interest) Act 1998, ces sommes portent des intérêts simples au taux de base de la Banque d'Angleterre majoré de 8 points (taux en vigueur le 31 décembre ou le 30 juin précédant le début des intérêts, fixe pour chaque créance), et chaque créance donne lieu à une indemnité forfaitaire de \(bands[0]) (moins de \(under[0])), \(bands[1]) (moins de \(under[1])) ou \(bands[2]) (\(under[1]) ou plus)."
                : "Under the Late Payment of Commercial Debts (Interest) Act 1998, simple statutory interest runs on these sums at 8% over the Bank of England base rate (the rate on the 31 December or 30 June before the interest began, fixed for each debt), and each debt carries fixed-sum compensation of \(bands[0]) (under \(under[0])), \(bands[1]) (under \(under[1])) or \(bands[2]) (\(under[1]) or more)."
        case (.uk, .consumer):
            return nil
        case (.de, .business):
            let amount = language.format(indemnity ?? Money(minorUnits: 4000, currency: .eur))
            return fr
                ? "En application du § 288, alinéa 2, du BGB (Bürgerliches Gesetzbuch), ces sommes portent des intérêts moratoires au taux de base (Basiszinssatz) majoré de 9 points, et chaque facture donne lieu à une indemnité forfaitaire de \(amount) (§ 288, alinéa 5, BGB)."
                : "Under § 288 (2) of the German Civil Code (Bürgerliches Gesetzbuch, BGB), default interest runs on these sums at 9 percentage points above the base rate (Basiszinssatz), and each invoice bears a flat-rate fee of \(amount) (§ 288 (5) BGB)."
        case (.de, .consumer):
            return fr
                ? "En application du § 288, alinéa 1, du BGB (Bürgerliches Gesetzbuch), ces sommes portent des intérêts moratoires au taux de base (Basiszinssatz) majoré de 5 points."
                : "Under § 288 (1) of the German Civil Code (Bürgerliches Gesetzbuch, BGB), default interest runs on these sums at 5 percentage points above the base rate (Basiszinssatz)."
        }
    }

    /// That the interest keeps running until payment; `nil` where the document says it otherwise (a
    /// French consumer: the notice makes it run) or none runs (a UK consumer).
    var running: String? {
        switch (jurisdiction, kind) {
        case (.fr, .business):
            return fr ? "Les pénalités de retard continuent de courir jusqu'au complet paiement."
                : "Late-payment interest continues to accrue until payment in full."
        case (.fr, .consumer), (.uk, .consumer): return nil
        case (.uk, .business):
            return fr ? "Les intérêts de retard continuent de courir jusqu'au complet paiement."
                : "Statutory interest continues to accrue until payment in full."
        case (.de, _):
            return fr ? "Les intérêts de retard continuent de courir jusqu'au complet paiement."
                : "Default interest continues to accrue until payment in full."
        }
    }
}

import Foundation

extension LateInterestCalculator {
    /// The rate of one half-year of a delay, or why it is unknown.
    struct HalfYearRate {
        var rate: Decimal?
        var unknownReason: String?
        var warnings: [String] = []

        static func known(_ rate: Decimal, warnings: [String] = []) -> HalfYearRate {
            HalfYearRate(rate: rate, warnings: warnings)
        }

        static func unknown(_ reason: String, warnings: [String] = []) -> HalfYearRate {
            HalfYearRate(rate: nil, unknownReason: reason, warnings: warnings)
        }
    }

    /// The late-payment rules of one jurisdiction for one debtor kind.
    ///
    /// - FR business (C. com. L441-10 II, D441-5): ECB MRO rate in force on 1 Jan / 1 Jul + 10 points,
    ///   from the day after the due date; a contractual rate below 3 × the legal rate ("autres cas")
    ///   of a half-year falls back to that default for the half-year, with a warning; €40 per late
    ///   invoice, never reduced by partial payments.
    /// - FR consumer (C. civ. 1231-6, 1344-1): legal interest rate only, from the day after the formal
    ///   notice (none without one); no penalty, no €40.
    /// - UK (Late Payment of Commercial Debts (Interest) Act 1998): BoE base rate on 31 Dec (interest
    ///   starting Jan–Jun) or 30 Jun (Jul–Dec) + 8 %, fixed for the debt; £40 / £70 / £100 by the
    ///   amount that fell late (< £1,000, < £10,000, more). The Act covers business debts only: a
    ///   consumer owes neither (with a warning).
    /// - DE (§ 288 BGB): Basiszinssatz + 9 points (+ 5 with a consumer), by half-year; €40 Pauschale
    ///   unless the debtor is a consumer.
    struct Rule {
        let jurisdiction: Jurisdiction
        let kind: ClientKind
        let options: LateInterestOptions
        let rates: RateTables
        let due: LocalDate
        /// What was unpaid when the delay began (the UK "debt" for the compensation band).
        let lateAmount: Money
        private(set) var warnings: [String] = []

        init(
            jurisdiction: Jurisdiction, kind: ClientKind, options: LateInterestOptions, rates: RateTables,
            due: LocalDate, lateAmount: Money
        ) {
            self.jurisdiction = jurisdiction
            self.kind = kind
            self.options = options
            self.rates = rates
            self.due = due
            self.lateAmount = lateAmount
            if let contractual = options.contractualRate {
                let text = RateSegment.percentText(contractual)
                switch (jurisdiction, kind) {
                case (.fr, .business): break
                case (.fr, .consumer):
                    warnings.append(
                        "contractual rate \(text) % not applied to a consumer (a judge may reduce it, C. civ. 1231-5): legal interest used"
                    )
                case (.uk, .business), (.de, _):
                    warnings.append(
                        "contractual rate \(text) % used as given: not checked against \(jurisdiction.rawValue) rules"
                    )
                case (.uk, .consumer): break
                }
            }
            if jurisdiction == .uk, kind == .consumer {
                warnings.append(
                    "the Late Payment of Commercial Debts Act covers business debts only: no statutory interest or compensation for a consumer"
                )
            }
        }

        /// The first day interest runs, `nil` when none runs.
        var firstInterestDay: LocalDate? {
            switch (jurisdiction, kind) {
            case (.fr, .consumer):
                guard let notice = options.formalNoticeDate else { return nil }
                return max(notice, due).adding(days: 1)
            case (.uk, .consumer): return nil
            default: return due.adding(days: 1)
            }
        }

        /// The annual rate for the days of the half-year containing `day`.
        func rate(forHalfYearOf day: LocalDate, firstInterestDay first: LocalDate) -> HalfYearRate {
            let split = options.rateMode.effective(for: jurisdiction) == .splitBySemester
            let reference = split ? day.halfYearStart : first.halfYearStart
            switch (jurisdiction, kind) {
            case (.fr, .business): return frenchPenalty(halfYear: day.halfYearStart, reference: reference)
            case (.fr, .consumer):
                let table =
                    options.creditorIsPrivateIndividual
                    ? RateTable.frLegalIndividual : RateTable.frLegalProfessional
                return lookup(table, on: reference, what: "French legal interest rate", plus: 0)
            case (.uk, _):
                if let contractual = options.contractualRate { return .known(contractual) }
                let start = first
                let onDate =
                    start.month <= 6
                    ? LocalDate(year: start.year - 1, month: 12, day: 31)!
                    : LocalDate(year: start.year, month: 6, day: 30)!
                return lookup(RateTable.boeBase, on: onDate, what: "Bank of England base rate", plus: 8)
            case (.de, _):
                if let contractual = options.contractualRate { return .known(contractual) }
                return lookup(
                    RateTable.deBasiszins, on: reference, what: "Basiszinssatz",
                    plus: kind == .business ? 9 : 5)
            }
        }

        /// FR B2B: the contractual rate when it respects the floor of the half-year, else ECB + 10.
        private func frenchPenalty(halfYear: LocalDate, reference: LocalDate) -> HalfYearRate {
            let statutory = lookup(
                RateTable.ecbMRO, on: reference, what: "ECB main refinancing rate", plus: 10)
            guard let contractual = options.contractualRate else { return statutory }
            let text = RateSegment.percentText(contractual)
            guard let legal = rates.rate(RateTable.frLegalProfessional, on: halfYear) else {
                return .known(
                    contractual,
                    warnings: [
                        "contractual rate \(text) % not checked against the floor (3 × the legal interest rate) for "
                            + "\(halfYear.halfYearLabel): no legal rate known; add it to the \(RateTable.frLegalProfessional) table"
                    ])
            }
            let floor = legal * 3
            guard contractual < floor else { return .known(contractual) }
            var fallback = statutory
            fallback.warnings.append(
                "contractual rate \(text) % is below the floor of \(RateSegment.percentText(floor)) % "
                    + "(3 × the legal rate \(RateSegment.percentText(legal)) %) for \(halfYear.halfYearLabel) "
                    + "(C. com. L441-10 II): the statutory rate (ECB + 10) is used instead")
            return fallback
        }

        private func lookup(_ table: String, on date: LocalDate, what: String, plus margin: Decimal)
            -> HalfYearRate
        {
            guard let rate = rates.rate(table, on: date) else {
                return .unknown("no \(what) known for \(date) (\(table) table): interest not computed")
            }
            return .known(rate + margin)
        }

        /// The fixed recovery compensation for a late invoice; `nil` (with a warning) when the invoice's
        /// currency is not the one the law fixes it in.
        func indemnity(currency: Currency, warnings: inout [String]) -> Money? {
            let fixed: Money
            switch (jurisdiction, kind) {
            case (.fr, .consumer), (.de, .consumer), (.uk, .consumer): return .zero(currency)
            case (.fr, .business), (.de, .business): fixed = Money(minorUnits: 4_000, currency: .eur)
            case (.uk, .business):
                let units: Int64
                if lateAmount.currency != .gbp {
                    units = 4_000
                } else if lateAmount.minorUnits < 100_000 {
                    units = 4_000
                } else if lateAmount.minorUnits < 1_000_000 {
                    units = 7_000
                } else {
                    units = 10_000
                }
                fixed = Money(minorUnits: units, currency: .gbp)
            }
            guard fixed.currency == currency else {
                warnings.append(
                    "recovery compensation is fixed in \(fixed.currency.code) and the invoice is in "
                        + "\(currency.code): not converted, not in the total")
                return nil
            }
            return fixed
        }
    }
}

import Foundation

/// The choices a late-interest computation leaves open (the ⚠ points of the legal note).
public struct LateInterestOptions: Sendable, Hashable {
    /// How a rate that changes every half-year applies to a delay that crosses 1 January or 1 July.
    public enum RateMode: String, Sendable, Hashable, CaseIterable {
        /// Each day uses the rate of its own half-year (France and Germany: the default).
        case splitBySemester = "split-by-semester"
        /// Every day uses the rate of the first day of delay (French public procurement's reading).
        case fixedAtStart = "fixed-at-start"

        /// The mode that applies under `jurisdiction`: the UK's Late Payment Act fixes the rate of the debt's
        /// first day for the whole debt, whatever was asked.
        public func effective(for jurisdiction: Jurisdiction) -> RateMode {
            jurisdiction == .uk ? .fixedAtStart : self
        }
    }

    /// How a day's interest is divided.
    public enum DayCount: String, Sendable, Hashable, CaseIterable {
        /// Days / 365, even in leap years (France, per the Banque de France; the default everywhere).
        case actual365 = "actual-365"
        /// Days / 366 for the days of a leap year (offered for Germany, whose practice is unverified).
        case actualActual = "actual-actual"
    }

    /// How a partial payment is shared between the interest already accrued and the principal.
    public enum PaymentImputation: String, Sendable, Hashable, CaseIterable {
        /// C. civ. 1343-1: a partial payment pays the interest accrued (and unpaid) at its date first,
        /// the rest reduces the principal; interest then runs on the principal left. Unpaid interest
        /// never bears interest itself (no compounding, C. civ. 1343-2). The default in France.
        case interestFirst = "interest-first"
        /// A payment reduces the principal from its date; the interest accrued stays due on its own
        /// line. The default for the UK and Germany (not researched for them: set it explicitly).
        case principalFirst = "principal-first"
    }

    /// France and Germany: split by half-year (default) or fixed at the start. The UK is always fixed.
    public var rateMode: RateMode
    /// The day-count convention (default days/365).
    public var dayCount: DayCount
    /// A contractual annual rate in percent, replacing the statutory rate. In France (business debtor)
    /// it must be at least 3 × the legal interest rate of the half-year; where it is not, the statutory
    /// default (ECB + 10) applies to those days and the claim carries a warning.
    public var contractualRate: Decimal?
    /// France, consumer debtor: the day the formal notice (mise en demeure) reached the debtor. Legal
    /// interest runs from the next day; without it no interest runs. Ignored otherwise.
    public var formalNoticeDate: LocalDate?
    /// France, consumer debtor: the creditor is a private individual (the higher legal rate applies).
    /// A business creditor, the normal case for relance, uses the "autres cas" rate.
    public var creditorIsPrivateIndividual: Bool
    /// How partial payments are imputed; `nil`: the jurisdiction's default (see `imputation(for:)`).
    public var paymentImputation: PaymentImputation?

    /// Creates options; the defaults are the recommended readings.
    public init(
        rateMode: RateMode = .splitBySemester, dayCount: DayCount = .actual365,
        contractualRate: Decimal? = nil,
        formalNoticeDate: LocalDate? = nil, creditorIsPrivateIndividual: Bool = false,
        paymentImputation: PaymentImputation? = nil
    ) {
        self.rateMode = rateMode
        self.dayCount = dayCount
        self.contractualRate = contractualRate
        self.formalNoticeDate = formalNoticeDate
        self.creditorIsPrivateIndividual = creditorIsPrivateIndividual
        self.paymentImputation = paymentImputation
    }

    /// The imputation used under `jurisdiction`: the one chosen, else interest first in France
    /// (C. civ. 1343-1) and principal first elsewhere (relance's research covers France only).
    public func imputation(for jurisdiction: Jurisdiction) -> PaymentImputation {
        paymentImputation ?? (jurisdiction == .fr ? .interestFirst : .principalFirst)
    }
}

import RelanceCore
import Testing

@testable import RelanceConfig

/// `creditor.payment_imputation`: interest-first | principal-first, absent for the jurisdiction's default.
@Suite struct PaymentImputationKeyTests {
    @Test func absentMeansTheJurisdictionsDefault() throws {
        let config = try Fixture().load(MinimalConfig.text).configuration
        #expect(config.creditor.paymentImputation == nil)
    }

    @Test(arguments: [("interest-first", LateInterestOptions.PaymentImputation.interestFirst), ("principal-first", .principalFirst)])
    func eachValueIsRead(text: String, value: LateInterestOptions.PaymentImputation) throws {
        let yaml = MinimalConfig.with([3: "  email: \"compta@atelier-dupont.fr\"\n  payment_imputation: \(text)"])
        #expect(try Fixture().load(yaml).configuration.creditor.paymentImputation == value)
    }

    @Test func anotherValueIsRejectedWithItsPosition() throws {
        let yaml = MinimalConfig.with([3: "  email: \"compta@atelier-dupont.fr\"\n  payment_imputation: interest"])
        let errors = try Fixture().errors(yaml)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("4:23: `creditor.payment_imputation` must be interest-first | principal-first") == true)
    }
}

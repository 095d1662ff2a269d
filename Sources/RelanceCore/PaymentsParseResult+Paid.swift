extension PaymentsParseResult {
    /// What the payments file says each invoice had been paid by the end of `day`: the sum of its
    /// payments dated on or before it (the contract: "an invoice's paid amount at any date is the sum of
    /// its payments up to that date"). Invoices without such a payment are absent.
    public func paidByInvoice(upTo day: LocalDate) -> [String: Money] {
        var paid: [String: Money] = [:]
        for payment in payments where payment.date <= day {
            if let sum = paid[payment.invoice] {
                guard sum.currency == payment.amount.currency else { continue }  // one currency per invoice
                paid[payment.invoice] = sum + payment.amount
            } else {
                paid[payment.invoice] = payment.amount
            }
        }
        return paid
    }
}

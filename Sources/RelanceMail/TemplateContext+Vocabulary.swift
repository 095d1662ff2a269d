extension TemplateContext {
    /// Every name a reminder template may use, level by level: the names each `child(named:)` answers
    /// (``Name`` and the parts' `Name`s), and which of them are the objects and lists that sections open.
    /// The dictionary context (``ReminderContent/templateContext``) has the same names.
    static let vocabulary: TemplateScope = {
        func names<N: RawRepresentable & CaseIterable>(_ type: N.Type) -> [String] where N.RawValue == String {
            N.allCases.map(\.rawValue)
        }
        let lines = TemplateScope.Member.list(.none)
        let invoice = TemplateScope(names: names(Invoice.Name.self))
        let creditor = TemplateScope(names: names(Creditor.Name.self), opening: ["address": lines])
        let client = TemplateScope(names: names(Client.Name.self), opening: ["address": lines])
        return TemplateScope(
            names: names(Name.self),
            opening: [
                Name.creditor.rawValue: .object(creditor), Name.client.rawValue: .object(client),
                Name.step.rawValue: .object(TemplateScope(names: names(Step.Name.self))),
                Name.invoices.rawValue: .list(invoice), Name.overdueInvoices.rawValue: .list(invoice),
                Name.upcomingInvoices.rawValue: .list(invoice),
                Name.totals.rawValue: .list(TemplateScope(names: names(Total.Name.self))),
            ])
    }()
}

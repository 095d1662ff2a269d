import Foundation
import Mustache
import RelanceCore
import Testing
@testable import RelanceMail

/// The names templates are checked against are the names the contexts answer, level by level: every
/// name of the vocabulary answers a value of the kind it says, in the typed context and in the dictionary
/// context, and the dictionary context has no other name.
@Suite("The template vocabulary is what the contexts answer")
struct TemplateVocabularyTests {
    /// Every optional value present: an IBAN, a contact, phones and addresses, one currency (a `total`),
    /// an overdue and an upcoming invoice, a business debtor of a French creditor (the indemnity), and a
    /// formal notice's letter figures (a claim).
    static func filled() -> ReminderContent {
        var client = Fixtures.client()
        client.phone = "+33 4 00 00 00 00"
        let today = Fixtures.date("2026-12-28")
        let claim = ClaimLine(
            invoice: "P1", client: client.id, due: Fixtures.date("2026-12-24"), asOf: today,
            principal: Money(decimal: "90.00", currency: .eur)!, daysLate: 4, rates: [],
            interest: Money(decimal: "0.12", currency: .eur)!, indemnity: Money(decimal: "40.00", currency: .eur)!)
        return ReminderContent(
            creditor: Fixtures.creditor, client: client, stepName: "first",
            lines: [
                ReminderLine(invoice: Fixtures.invoice("P1", amount: "100.00", paid: "10.00", due: "2026-12-24"), today: today),
                ReminderLine(invoice: Fixtures.invoice("P2", amount: "200.00", due: "2026-12-31"), today: today),
            ], today: today, claims: ["P1": claim])
    }

    /// `object` answers every name of `scope` with a value of the kind `scope` says, level by level.
    func expectAnswers(_ object: MustacheParent, _ scope: TemplateScope, at path: String) {
        #expect(!scope.names.isEmpty, "\(path) has names")
        #expect(object.child(named: "no_such_name") == nil)
        for name in scope.names {
            let value = object.child(named: name)
            let place = path + name
            switch scope.members[name] {
            case .value?, nil:
                #expect(value is String || value is Int || value is Bool, "\(place): \(String(describing: value))")
            case .object(let inner)?:
                guard let child = value as? MustacheParent else {
                    Issue.record("\(place) is not an object: \(String(describing: value))")
                    continue
                }
                expectAnswers(child, inner, at: place + ".")
            case .list(let inner)?:
                guard let items = value as? [Any], !items.isEmpty else {
                    Issue.record("\(place) is not a list with elements: \(String(describing: value))")
                    continue
                }
                for item in items {
                    if let element = item as? MustacheParent {
                        expectAnswers(element, inner, at: place + "[].")
                    } else {
                        #expect(inner.names.isEmpty && item is String, "\(place)[] is a plain value")
                    }
                }
            }
        }
    }

    @Test func theTypedContextAnswersEveryNameOfTheVocabulary() {
        expectAnswers(TemplateContext(Self.filled()), TemplateContext.vocabulary, at: "")
    }

    /// The dictionary's keys at every level are the vocabulary's names, and what they hold matches.
    func expectSameNames(_ dictionary: [String: Any], _ scope: TemplateScope, at path: String) {
        #expect(Set(dictionary.keys) == Set(scope.names), "\(path): \(Set(dictionary.keys).symmetricDifference(scope.names).sorted())")
        for (name, member) in scope.members {
            switch member {
            case .value:
                #expect(!(dictionary[name] is [String: Any]) && !(dictionary[name] is [Any]), "\(path)\(name)")
            case .object(let inner):
                guard let child = dictionary[name] as? [String: Any] else {
                    Issue.record("\(path)\(name) is not a dictionary")
                    continue
                }
                expectSameNames(child, inner, at: path + name + ".")
            case .list(let inner):
                guard let items = dictionary[name] as? [Any], !items.isEmpty else {
                    Issue.record("\(path)\(name) is not a list with elements")
                    continue
                }
                for item in items {
                    if let element = item as? [String: Any] {
                        expectSameNames(element, inner, at: path + name + "[].")
                    } else {
                        #expect(inner.names.isEmpty && item is String, "\(path)\(name)[] is a plain value")
                    }
                }
            }
        }
    }

    @Test func theDictionaryContextHasExactlyTheVocabularysNames() {
        expectSameNames(Self.filled().templateContext, TemplateContext.vocabulary, at: "")
    }
}

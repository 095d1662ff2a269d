import Foundation
import RelanceCore
import Testing
@testable import RelanceMail

/// The shipped formal-notice email, like the letter it carries, cites French law for a French creditor only:
/// a UK or German creditor's consumer is not told that interest runs "from this formal notice (article
/// 1231-6 du Code civil)", nor threatened with an injonction de payer.
@Suite("The formal-notice email under the creditor's jurisdiction")
struct FormalNoticeEmailJurisdictionTests {
    func render(
        _ jurisdiction: Jurisdiction, _ kind: ClientKind, _ language: Language, template: String = "formal-notice"
    ) throws -> RenderedTemplate {
        var creditor = Fixtures.creditor
        creditor.jurisdiction = jurisdiction
        let library = try TemplateLibrary(directory: Fixtures.shippedTemplates)
        return try library.render(template, language: language, content: ReminderContent(
            creditor: creditor, client: Fixtures.client(language: language, kind: kind), stepName: "notice",
            lines: Fixtures.twoLines, today: Fixtures.today))
    }

    @Test(arguments: [Jurisdiction.uk, .de])
    func noFrenchLawForAForeignCreditor(jurisdiction: Jurisdiction) throws {
        for kind in [ClientKind.business, .consumer] {
            for language in Language.allCases {
                let rendered = try render(jurisdiction, kind, language)
                for part in [rendered.text, rendered.html ?? ""] {
                    for phrase in ["Code civil", "French Civil Code", "1231-6", "injonction de payer", "avis de réception", "(mise en demeure)"] {
                        #expect(!part.contains(phrase), "\(jurisdiction) \(kind) \(language): \(phrase)\n\(part)")
                    }
                    #expect(!part.contains("{{"))
                }
                // The statutory-rate-from-the-notice sentence is French law: a UK consumer owes no statutory
                // interest, a German one default interest under § 288 BGB.
                if kind == .consumer {
                    #expect(!rendered.text.contains("statutory rate") && !rendered.text.contains("taux légal"), "\(rendered.text)")
                    #expect(rendered.text.contains("288") == (jurisdiction == .de), "\(rendered.text)")
                }
            }
        }
    }

    /// The second reminder announces the notice to a consumer; only under French law does it say interest
    /// at the legal rate runs from it.
    @Test(arguments: [Jurisdiction.uk, .de])
    func theSecondReminderPromisesNoFrenchInterestToAForeignCreditorsConsumer(jurisdiction: Jurisdiction) throws {
        for language in Language.allCases {
            let rendered = try render(jurisdiction, .consumer, language, template: "second-reminder")
            for part in [rendered.text, rendered.html ?? ""] {
                #expect(!part.contains("statutory rate") && !part.contains("taux légal"), "\(jurisdiction) \(language)\n\(part)")
                #expect(part.contains("formal notice") || part.contains("mise en demeure"), "\(part)")
            }
        }
        #expect(try render(.fr, .consumer, .fr, template: "second-reminder").text.contains("porteront intérêts au taux légal"))
    }

    @Test func aFrenchCreditorsEmailIsUnchanged() throws {
        let consumer = try render(.fr, .consumer, .fr)
        #expect(consumer.text.contains(
            "À compter de la présente mise en demeure, les sommes dues porteront intérêts au taux légal (article 1231-6 du Code civil)."))
        #expect(consumer.text.contains("notamment une procédure d'injonction de payer."))
        #expect(consumer.text.contains("par lettre recommandée avec demande d'avis de réception."))
        let english = try render(.fr, .consumer, .en)
        #expect(english.text.contains("This letter constitutes formal notice to pay (mise en demeure)."))
        #expect(english.text.contains("From the date of this formal notice, the sums due bear interest at the statutory rate."))
        #expect(english.html?.contains("<strong>This letter constitutes formal notice to pay (mise en demeure).</strong>") == true)
    }
}

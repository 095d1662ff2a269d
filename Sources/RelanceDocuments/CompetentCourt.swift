import RelanceCore

/// The court for an injonction de payer (CPC 1406): where the debtor lives or is established.
public enum CompetentCourt: String, Sendable, Hashable {
    /// Commercial debt: president of the tribunal de commerce (TAE in the pilot districts).
    case tribunalDeCommerce
    /// Civil debt (consumer or non-trader): president of the tribunal judiciaire.
    case tribunalJudiciaire

    /// The court for a debtor of this kind.
    public init(debtor kind: ClientKind) {
        self = kind == .business ? .tribunalDeCommerce : .tribunalJudiciaire
    }

    /// The court's name (`Tribunal de commerce`).
    public var name: String {
        switch self {
        case .tribunalDeCommerce: return "Tribunal de commerce"
        case .tribunalJudiciaire: return "Tribunal judiciaire"
        }
    }

    /// One sentence for the claim summary, in `language`.
    func explanation(_ language: Language) -> String {
        switch (self, language) {
        case (.tribunalDeCommerce, .en):
            return "Tribunal de commerce (commercial court) where the debtor is established: application for an "
                + "order for payment (injonction de payer) to its president (Articles 1405 et seq. of the French "
                + "Code of Civil Procedure; tribunal des activités économiques in the pilot districts; commercial "
                + "chamber of the tribunal judiciaire in Moselle, Bas-Rhin and Haut-Rhin). A public-policy rule: "
                + "any jurisdiction clause is void."
        case (.tribunalJudiciaire, .en):
            return "Tribunal judiciaire (civil court) where the debtor lives: application for an order for payment "
                + "(injonction de payer) to its president (Articles 1405 et seq. of the French Code of Civil "
                + "Procedure; no registry fee). A public-policy rule: any jurisdiction clause is void."
        case (_, .fr): return explanation
        }
    }

    /// One sentence for the claim summary, in French.
    var explanation: String {
        switch self {
        case .tribunalDeCommerce:
            return "Tribunal de commerce du lieu où le débiteur est établi : requête en injonction de payer "
                + "adressée à son président (art. 1405 et suivants du Code de procédure civile ; tribunal des "
                + "activités économiques dans les ressorts pilotes ; chambre commerciale du tribunal judiciaire "
                + "en Moselle, Bas-Rhin et Haut-Rhin). Règle d'ordre public : toute clause attributive est sans effet."
        case .tribunalJudiciaire:
            return "Tribunal judiciaire du lieu où demeure le débiteur : requête en injonction de payer adressée "
                + "à son président (art. 1405 et suivants du Code de procédure civile ; pas de frais de greffe). "
                + "Règle d'ordre public : toute clause attributive est sans effet."
        }
    }
}

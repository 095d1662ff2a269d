import RelanceCore

extension ClaimFileContent {
    /// The language of the summary for the courts of the creditor's jurisdiction: French for FR (a French
    /// court, commissaire de justice or lawyer reads French), English for UK; for DE, which relance has
    /// no wording for, English. The client's language does not matter: the reader is the court.
    public var courtLanguage: Language {
        creditor.jurisdiction == .fr ? .fr : .en
    }
}

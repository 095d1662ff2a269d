import ArgumentParser

/// `--notice-date`, shared by `relance claim` and `relance claim-file`.
struct NoticeDateOption: ParsableArguments {
    @Option(
        name: .customLong("notice-date"),
        help: """
            France, consumer debtors: the day the formal notice reached them; legal interest runs from it \
            (default: the registered letter's receipt recorded with `task done --received`, else the day the \
            formal-notice email was delivered).
            """
    )
    var noticeDate: String?
}

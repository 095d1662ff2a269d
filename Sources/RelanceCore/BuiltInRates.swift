import Foundation

/// The reference rates shipped with relance: the figures of the legal research note
/// (`legal-rules.md` §0), the same as `Config/rates/*.yaml`.
///
/// A period's `to` is the last day the note vouches for, not necessarily the day the rate
/// changed: beyond it the rate is unknown until an operator adds the next figure in the `rates:`
/// folder (a semester with no rate is never computed). The ECB and Bank of England tables hold the
/// days the note confirms, which cover every 1 January / 1 July (ECB) and 31 December / 30 June
/// (BoE) from 2024 to early 2026, the only days the late-payment rules read them on.
public enum BuiltInRates {
    /// Every built-in table.
    public static var tables: [RateTable] {
        [ecbMRO, frLegalProfessional, frLegalIndividual, boeBase, deBasiszins]
    }

    /// ECB main refinancing operations rate, as in force (legal-rules.md §0.1).
    public static let ecbMRO = RateTable(
        name: RateTable.ecbMRO,
        periods: [
            period(
                "2023-09-20", "2024-06-11", "4.50",
                "optimial.fr/taux-de-refinancement-taux-refi-ou-repo; bsi.si/en/ecb-interest-rates"),
            period(
                "2024-06-12", "2024-07-01", "4.25",
                "retout.fr/?p=12408 (in force on 1 Jul 2024; later changes not in the note)"),
            period(
                "2024-12-18", "2025-01-01", "3.15",
                "optimial.fr; bsi.si (in force on 1 Jan 2025; later changes not in the note)"),
            period(
                "2025-06-11", "2026-02-05", "2.15",
                "cordmagazine.com (cut of 11/06/2025); aa.com.tr (held 18/12/2025); en.cloudevo.ai (held 05/02/2026)"
            ),
        ])

    /// French legal interest rate, "autres cas": the creditor is a professional (legal-rules.md §0.1).
    public static let frLegalProfessional = RateTable(
        name: RateTable.frLegalProfessional,
        periods: [
            period("2024-01-01", "2024-06-30", "5.07", "medef.nc/chiffres-cles/taux-dinteret-legal"),
            period("2024-07-01", "2024-12-31", "4.92", "bpifrance-creation.fr (arrêté du 26/06/2024)"),
            period("2025-01-01", "2025-06-30", "3.71", "ksca.fr; enligne.biz/?p=51522"),
            period("2025-07-01", "2025-12-31", "2.76", "ksca.fr (arrêté ECOT2516925A du 19/06/2025)"),
            period(
                "2026-01-01", "2026-06-30", "2.62",
                "juriblio.fr/arretes/arrete-du-15-decembre-2025 (JORF 26/12/2025)"),
        ])

    /// French legal interest rate when the creditor is a private individual (legal-rules.md §0.1).
    public static let frLegalIndividual = RateTable(
        name: RateTable.frLegalIndividual,
        periods: [
            period("2024-01-01", "2024-06-30", "8.01", "medef.nc/chiffres-cles/taux-dinteret-legal"),
            period("2024-07-01", "2024-12-31", "8.16", "bpifrance-creation.fr (arrêté du 26/06/2024)"),
            period("2025-01-01", "2025-06-30", "7.21", "ksca.fr; enligne.biz/?p=51522"),
            period("2025-07-01", "2025-12-31", "6.65", "ksca.fr (arrêté ECOT2516925A du 19/06/2025)"),
            period(
                "2026-01-01", "2026-06-30", "6.67",
                "juriblio.fr/arretes/arrete-du-15-decembre-2025 (JORF 26/12/2025)"),
        ])

    /// Bank of England base rate, on the days the note confirms (legal-rules.md §0.2, §10.1).
    public static let boeBase = RateTable(
        name: RateTable.boeBase,
        periods: [
            period(
                "2023-12-31", "2024-07-31", "5.25",
                "payontime.co.uk (31/12/2023); 30/06/2024 inferred: cut only on 01/08/2024 ⚠"),
            period("2024-12-31", "2025-02-05", "4.75", "barrys.biz (cut from 4.75 % to 4.5 % on 06/02/2025)"),
            period(
                "2025-05-08", "2025-08-06", "4.25",
                "rossmartin.co.uk (cut 08/05/2025); langhamwalsh.co.uk (next cut 07/08/2025)"),
            period("2025-12-18", "2025-12-31", "3.75", "financialreporter.co.uk (cut 18/12/2025)"),
        ])

    /// German Basiszinssatz, § 247 BGB, by half-year (legal-rules.md §0.2).
    public static let deBasiszins = RateTable(
        name: RateTable.deBasiszins,
        periods: [
            period(
                "2024-01-01", "2024-06-30", "3.62",
                "derived from 1.62 % (01/01/2023, stb-bruns.com) by § 247 BGB ⚠"),
            period("2024-07-01", "2024-12-31", "3.37", "derived by § 247 BGB ⚠"),
            period("2025-01-01", "2025-06-30", "2.27", "derived by § 247 BGB ⚠"),
            period("2025-07-01", "2025-12-31", "1.27", "finanzmarktnachrichten.de; state-of.biz"),
            period(
                "2026-01-01", "2026-06-30", "1.27",
                "finanzmarktnachrichten.de/basiszinssatz-bleibt-ab-1-januar-2026-bei-127"),
        ])

    private static func period(_ from: String, _ to: String, _ rate: String, _ source: String) -> RatePeriod {
        RatePeriod(
            from: LocalDate(iso: from)!, to: LocalDate(iso: to)!, rate: Decimal(string: rate, locale: nil)!,
            source: source)
    }
}

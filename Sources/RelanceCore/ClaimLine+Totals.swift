extension Array where Element == ClaimLine {
    /// The total claimed, one amount per currency in order of first appearance (unknown interest left
    /// out): what a letter, its email and a claim file state alike.
    public var totals: [Money] {
        var result: [Money] = []
        for claim in self {
            let total = claim.total
            if let index = result.firstIndex(where: { $0.currency == total.currency }) {
                result[index] = result[index] + total
            } else {
                result.append(total)
            }
        }
        return result
    }

    /// Whether some interest could not be computed (a rate not yet published).
    public var hasUnknownInterest: Bool { contains { $0.interest == nil } }
}

/// "Did you mean …?" hints for misspelt names: config keys and values, template variables.
public enum Suggestion {
    /// The candidate closest to `word`, when it is close enough to be a plausible typo.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let target = Array(word.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let d = distance(target, Array(candidate.lowercased()))
            if let current = best, current.distance <= d { continue }
            best = (candidate, d)
        }
        guard let best else { return nil }
        let length = max(target.count, best.name.count)
        let limit = length >= 5 ? 2 : (length >= 3 ? 1 : 0)
        return best.distance <= limit ? best.name : nil
    }

    /// `"; did you mean `x`?"`, or an empty string when nothing is close.
    public static func hint(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { "; did you mean `\($0)`?" } ?? ""
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and transpositions.
    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}

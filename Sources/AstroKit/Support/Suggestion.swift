/// "Did you mean ...?" suggestions for misspelt names (descriptors, primitives, parameters).
///
/// ```swift
/// Suggestion.closest(to: "gian", in: ["gain", "read_noise"])   // "gain"
/// ```
public enum Suggestion {
    /// The closest candidate by edit distance, when it is close enough to be a plausible typo:
    /// at most a third of the name's length (and at least one edit), or a case-insensitive match.
    public static func closest<S: Sequence>(to name: String, in candidates: S) -> String? where S.Element == String {
        var best: (String, Int)?
        for candidate in candidates {
            if candidate.lowercased() == name.lowercased() { return candidate }
            let d = editDistance(name.lowercased(), candidate.lowercased())
            if best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) { best = (candidate, d) }
        }
        guard let (candidate, distance) = best else { return nil }
        return distance <= max(1, name.count / 3) ? candidate : nil
    }

    /// Levenshtein distance, with transpositions of neighbours counted as one edit.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}

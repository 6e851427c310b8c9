/// Left-aligned text columns for terminal output.
///
/// ```swift
/// TextTable.render(header: ["Q", "gain"], rows: [["E", "3.10"]])
/// // "Q  gain\nE  3.10\n"
/// ```
public enum TextTable {
    public static func render(header: [String], rows: [[String]], indent: Int = 0, gap: Int = 2) -> String {
        let all = [header] + rows
        let columns = all.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        let pad = String(repeating: " ", count: indent)
        var out = ""
        for row in all {
            var line = pad
            for (i, cell) in row.enumerated() {
                let last = i == row.count - 1
                line += last ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + gap)
            }
            out += line + "\n"
        }
        return out
    }
}

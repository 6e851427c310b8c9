import Foundation

/// A tab-separated sidecar file split into a header and data lines, shared by the exposure-log
/// and housekeeping readers.
///
/// ELVIS files come with CRLF or LF line ends, a trailing tab after the last column, and
/// column names right-padded with spaces (`Vstart `), so names are trimmed and one empty
/// trailing field is tolerated. Blank lines are skipped; with `skipsComments`, so are lines
/// starting with `#` (the transposed dump at the end of old HK files).
struct TabSeparatedText: Sendable {
    struct Line: Sendable {
        /// 1-based line number in the file, for error messages.
        let number: Int
        let fields: [String]
    }

    /// Trimmed column names, in file order.
    let columns: [String]
    let headerLine: Int
    let lines: [Line]

    enum Problem: Error, Equatable {
        case noHeader
        case fieldCount(line: Int, found: Int, expected: Int)
    }

    init(text: String, skipsComments: Bool) throws(Problem) {
        var header: (number: Int, names: [String])?
        var data: [Line] = []
        // Swift reads CRLF as one Character, so split on either; a lone CR left at the end goes too.
        let rawLines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (index, rawLine) in rawLines.enumerated() {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if skipsComments && line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
            var fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let headerNow = header else {
                var names = fields.map { $0.trimmingCharacters(in: .whitespaces) }
                if names.count > 1, names.last == "" { names.removeLast() }
                header = (index + 1, names)
                continue
            }
            let expected = headerNow.names.count
            if fields.count == expected + 1, fields.last?.trimmingCharacters(in: .whitespaces) == "" {
                fields.removeLast()
            }
            guard fields.count == expected else {
                throw .fieldCount(line: index + 1, found: fields.count, expected: expected)
            }
            data.append(Line(number: index + 1, fields: fields.map { $0.trimmingCharacters(in: .whitespaces) }))
        }
        guard let header else { throw .noHeader }
        columns = header.names
        headerLine = header.number
        lines = data
    }
}

/// Numbers as ELVIS writes them: plain decimals, possibly with padding.
enum SidecarNumber {
    static func double(_ text: String) -> Double? {
        Double(text.trimmingCharacters(in: .whitespaces))
    }

    /// Integers, also when written with a zero fraction (`100.000`), as some ELVIS columns are.
    static func integer(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let value = Int(trimmed) { return value }
        guard let value = Double(trimmed), value.rounded() == value, abs(value) < 1e15 else { return nil }
        return Int(value)
    }

    /// The shortest text that reads back as the same Double.
    static func text(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}

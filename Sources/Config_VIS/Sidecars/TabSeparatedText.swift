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

    /// The text of a sidecar file. ELVIS writes ASCII; Latin-1 accepts any byte, so one odd
    /// byte cannot hide a whole log.
    static func contents(of url: URL) throws -> String {
        let data = try Data(contentsOf: url)
        return String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) ?? ""
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
        // Split on bytes: the files are ASCII, and Character-wise splitting and Foundation
        // trimming made a 500-row log take a third of a second. "\n" ends a line whether or
        // not "\r" precedes it; the "\r" is dropped with the blanks.
        let rawLines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, rawLine) in rawLines.enumerated() {
            var line = rawLine
            while let last = line.last, last == UInt8(ascii: "\r") { line = line.dropLast() }
            let whole = Blanks.trim(line)
            if whole.isEmpty { continue }
            if skipsComments && whole.hasPrefix("#") { continue }
            var fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map(Blanks.trim)
            guard let headerNow = header else {
                var names = fields
                if names.count > 1, names.last == "" { names.removeLast() }
                header = (index + 1, names)
                continue
            }
            let expected = headerNow.names.count
            if fields.count == expected + 1, fields.last == "" {
                fields.removeLast()
            }
            guard fields.count == expected else {
                throw .fieldCount(line: index + 1, found: fields.count, expected: expected)
            }
            data.append(Line(number: index + 1, fields: fields))
        }
        guard let header else { throw .noHeader }
        columns = header.names
        headerLine = header.number
        lines = data
    }
}

/// Trimming of blanks (spaces, tabs) at both ends of a field.
enum Blanks {
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Bytes are trimmed directly; an edge that is not ASCII (a non-breaking space, say) goes
    /// through Foundation's Unicode-aware trimming, as before.
    static func trim(_ bytes: Substring.UTF8View) -> String {
        var view = bytes
        while let first = view.first, isBlank(first) { view = view.dropFirst() }
        while let last = view.last, isBlank(last) { view = view.dropLast() }
        let text = String(Substring(view))
        if let first = view.first, let last = view.last, first >= 0x80 || last >= 0x80 {
            return text.trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    static func trim(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if isBlank(first) || isBlank(last) || first >= 0x80 || last >= 0x80 {
            return trim(Substring(text).utf8)
        }
        return text
    }
}

/// Numbers as ELVIS writes them: plain decimals, possibly with padding.
enum SidecarNumber {
    static func double(_ text: String) -> Double? {
        Double(Blanks.trim(text))
    }

    /// Integers, also when written with a zero fraction (`100.000`), as some ELVIS columns are.
    static func integer(_ text: String) -> Int? {
        let trimmed = Blanks.trim(text)
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

import CFITSIO
import Foundation

/// Turns the raw 80-character records of a header into typed `HeaderCard`s, letting CFITSIO
/// do the parsing: `ffgknm` for the keyword (HIERARCH-aware), `ffpsvc` to split value and
/// comment, `ffdtyp` to type the value.
///
/// ```swift
/// let header = HeaderCardParser.header(from: ["EXPTIME =                 30.0 / seconds"])
/// header.double("EXPTIME")   // 30.0
/// ```
enum HeaderCardParser {
    /// Parses records in file order, joining CONTINUE long strings and leaving out cards that
    /// CFITSIO cannot parse (readers disagree on those, so none of them is trusted).
    static func header(from records: [String]) -> FITSHeader {
        var cards: [HeaderCard] = []
        var index = 0
        while index < records.count {
            let record = records[index]
            index += 1
            guard var card = parse(record) else { continue }
            if case .string(let text)? = card.value, text.hasSuffix("&"),
               index < records.count, continuation(records[index]) != nil {
                // Long-string convention: the value goes on in the following CONTINUE cards.
                // A lone "&" with no CONTINUE after it is part of the value.
                var joined = String(text.dropLast())
                var open = true
                while open, index < records.count, let piece = continuation(records[index]) {
                    index += 1
                    open = piece.text.hasSuffix("&")
                    joined += open ? String(piece.text.dropLast()) : piece.text
                    if let comment = piece.comment, !comment.isEmpty { card.comment = comment }
                }
                card.value = .string(joined)
            }
            cards.append(card)
        }
        return FITSHeader(cards: cards)
    }

    /// One record as a card; nil when it does not parse or is the END card.
    static func parse(_ record: String) -> HeaderCard? {
        // CFITSIO hands records back without their trailing blanks; restore the 80 columns.
        let record = record.utf8.count < 80
            ? record.padding(toLength: 80, withPad: " ", startingAt: 0) : record
        var card = Array(record.utf8CString.prefix(Int(FLEN_CARD) - 1))
        card.append(0)
        var status: Int32 = 0
        var name = [CChar](repeating: 0, count: Int(FLEN_KEYWORD) + 1)
        var length: Int32 = 0
        ffgknm(&card, &name, &length, &status)
        guard status == 0 else { CFITSIOStatus.clearStack(); return nil }
        let keyword = String(fitsBuffer: name)
        if keyword == "END" { return nil }

        var value = [CChar](repeating: 0, count: Int(FLEN_VALUE) + 1)
        var comment = [CChar](repeating: 0, count: Int(FLEN_COMMENT) + 1)
        ffpsvc(&card, &value, &comment, &status)
        guard status == 0 else { CFITSIOStatus.clearStack(); return nil }
        let commentText = String(fitsBuffer: comment)

        if !hasValueIndicator(record) {
            // COMMENT, HISTORY, blank keyword, or any keyword without "= ": commentary.
            let text = record.count > 8 ? String(record.dropFirst(8)) : ""
            return HeaderCard(keyword: keyword, value: nil, comment: trimTrailing(text))
        }
        let valueText = String(fitsBuffer: value)
        guard let typed = typedValue(valueText) else { return nil }
        return HeaderCard(keyword: keyword, value: typed,
                          comment: commentText.isEmpty ? nil : commentText)
    }

    /// "= " in columns 9-10, or a HIERARCH card with an "=" (where ffpsvc looks for it).
    private static func hasValueIndicator(_ record: String) -> Bool {
        let bytes = Array(record.utf8)
        if bytes.starts(with: Array("HIERARCH ".utf8)) { return bytes.contains(UInt8(ascii: "=")) }
        return bytes.count >= 10 && bytes[8] == UInt8(ascii: "=") && bytes[9] == UInt8(ascii: " ")
    }

    /// Types a value string with `ffdtyp`, then converts it. The converters CFITSIO uses for
    /// this (`ffc2s`, `ffc2jj`, ...) are private to the library, so the conversion of the
    /// already-typed text is done here, following the same rules.
    static func typedValue(_ text: String) -> HeaderValue? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .undefined }
        var cval = Array(text.utf8CString)
        var status: Int32 = 0
        var type: CChar = 0
        ffdtyp(&cval, &type, &status)
        guard status == 0 else { CFITSIOStatus.clearStack(); return nil }
        switch UInt8(bitPattern: type) {
        case UInt8(ascii: "C"):
            // Quoted string: drop the quotes, undouble embedded quotes, drop trailing blanks.
            guard trimmed.count >= 2, trimmed.hasPrefix("'"), trimmed.hasSuffix("'") else {
                return nil
            }
            let body = trimmed.dropFirst().dropLast().replacingOccurrences(of: "''", with: "'")
            return .string(trimTrailing(body))
        case UInt8(ascii: "L"):
            return .logical(trimmed.hasPrefix("T"))
        case UInt8(ascii: "I"):
            if let integer = Int(trimmed) { return .integer(integer) }
            // Too big for 64 bits: keep it as the real number it still is.
            return real(trimmed)
        case UInt8(ascii: "F"):
            return real(trimmed)
        case UInt8(ascii: "X"):
            return complex(trimmed)
        default:
            return nil
        }
    }

    /// A FITS real: Fortran `D` exponents are allowed.
    private static func real(_ text: String) -> HeaderValue? {
        let normalized = text.replacingOccurrences(of: "D", with: "E")
            .replacingOccurrences(of: "d", with: "e")
        guard let number = Double(normalized) else { return nil }
        return .real(number)
    }

    /// "(re, im)" with two FITS numbers.
    private static func complex(_ text: String) -> HeaderValue? {
        let inner = text.trimmingCharacters(in: CharacterSet(charactersIn: "()"))
        let parts = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2,
              case .real(let re)? = real(parts[0]),
              case .real(let im)? = real(parts[1]) else { return nil }
        return .complex(real: re, imaginary: im)
    }

    /// A CONTINUE card's string and comment, read the way CFITSIO's `ffgcnt` reads them: the
    /// keyword field becomes a dummy "name= " so that `ffpsvc` parses the value. Columns 9-80
    /// are all kept, so a value that starts in column 10 instead of 11 still reads.
    private static func continuation(_ record: String) -> (text: String, comment: String?)? {
        guard record.hasPrefix("CONTINUE") else { return nil }
        let rest = record.dropFirst(8).drop(while: { $0 == " " })
        guard let card = parse("D2345678= " + rest), case .string(let text)? = card.value else {
            return nil
        }
        return (text, card.comment)
    }

    static func trimTrailing(_ text: String) -> String {
        var scalars = Substring(text)
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }
}

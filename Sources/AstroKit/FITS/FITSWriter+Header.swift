import CFITSIO
import Foundation

extension FITSWriter {
    /// Keywords the writer sets itself from the data (and the checksums it adds last); cards
    /// with these keywords in a header passed to the writer are skipped.
    ///
    /// ```swift
    /// FITSWriter.reservedKeyword("NAXIS2")   // true
    /// FITSWriter.reservedKeyword("EXPTIME")  // false
    /// ```
    public static func reservedKeyword(_ keyword: String) -> Bool {
        let key = keyword.uppercased()
        if reservedNames.contains(key) { return true }
        // Indexed structural keywords: NAXISn, TTYPEn, TFORMn, ...
        for prefix in reservedPrefixes where key.hasPrefix(prefix) {
            let index = key.dropFirst(prefix.count)
            if !index.isEmpty, index.allSatisfy(\.isNumber) { return true }
        }
        return false
    }

    private static let reservedNames: Set<String> = [
        "SIMPLE", "BITPIX", "NAXIS", "EXTEND", "XTENSION", "PCOUNT", "GCOUNT", "GROUPS",
        "TFIELDS", "THEAP", "BZERO", "BSCALE", "CHECKSUM", "DATASUM", "LONGSTRN", "END",
    ]
    private static let reservedPrefixes = ["NAXIS", "TTYPE", "TFORM", "TBCOL", "TZERO", "TSCAL",
                                           "TUNIT", "TDIM"]

    /// Adds the cards of `header` to the current HDU, in order, and EXTNAME when given.
    func writeCards(_ header: FITSHeader, extname: String?, hdu: Int) throws {
        let operation = "cannot write the header of"
        let handle = try openHandle(for: operation)
        if let extname {
            try call(hdu: hdu, operation) { status in
                ffpkys(handle, "EXTNAME", extname, nil, &status)
            }
        }
        var longStringsAnnounced = false
        for card in header.cards {
            let keyword = card.keyword
            if Self.reservedKeyword(keyword) && card.value != nil { continue }
            if extname != nil, keyword.uppercased() == "EXTNAME", card.value != nil { continue }
            let comment = card.comment
            let place = "\(operation) (keyword \(keyword))"
            switch card.value {
            case nil:
                try writeCommentary(card, handle: handle, hdu: hdu, operation: place)
            case .string(let text)?:
                guard text.allSatisfy({ $0.isASCII && !$0.isNewline }) else {
                    throw failure("the value of \(keyword) is not printable ASCII", hdu: hdu,
                                  operation: operation)
                }
                // A quoted value longer than one card needs CONTINUE cards, announced once
                // per HDU by LONGSTRN (ffplsw) as the long-string convention asks.
                let quoted = text.replacingOccurrences(of: "'", with: "''").utf8.count + 2
                if quoted > 68 {
                    if !longStringsAnnounced {
                        try call(hdu: hdu, place) { status in ffplsw(handle, &status) }
                        longStringsAnnounced = true
                    }
                    try call(hdu: hdu, place) { status in
                        ffpkls(handle, keyword, text, comment, &status)
                    }
                } else {
                    try call(hdu: hdu, place) { status in
                        ffpkys(handle, keyword, text, comment, &status)
                    }
                }
            case .integer(let value)?:
                try call(hdu: hdu, place) { status in
                    ffpkyj(handle, keyword, LONGLONG(value), comment, &status)
                }
            case .real(let value)?:
                let digits = Self.roundTripDigits(value)
                try call(hdu: hdu, place) { status in
                    ffpkyd(handle, keyword, value, -digits, comment, &status)
                }
            case .logical(let value)?:
                try call(hdu: hdu, place) { status in
                    ffpkyl(handle, keyword, value ? 1 : 0, comment, &status)
                }
            case .complex(let re, let im)?:
                var parts = [re, im]
                let digits = max(Self.roundTripDigits(re), Self.roundTripDigits(im))
                try call(hdu: hdu, place) { status in
                    ffpkym(handle, keyword, &parts, -digits, comment, &status)
                }
            case .undefined?:
                try call(hdu: hdu, place) { status in
                    ffpkyu(handle, keyword, comment, &status)
                }
            }
        }
    }

    private func writeCommentary(_ card: HeaderCard, handle: UnsafeMutablePointer<fitsfile>,
                                 hdu: Int, operation: String) throws {
        let text = card.comment ?? ""
        switch card.keyword.uppercased() {
        case "HISTORY":
            try call(hdu: hdu, operation) { status in ffphis(handle, text, &status) }
        case "COMMENT":
            try call(hdu: hdu, operation) { status in ffpcom(handle, text, &status) }
        default:
            // Blank or other keyword without a value: columns 1-8 keyword, 9-80 text.
            let key = card.keyword.uppercased()
            guard key.count <= 8 else {
                try call(hdu: hdu, operation) { status in
                    ffpcom(handle, "\(card.keyword) \(text)", &status)
                }
                return
            }
            let record = String((key.padding(toLength: 8, withPad: " ", startingAt: 0) + text)
                .prefix(80))
            try call(hdu: hdu, operation) { status in ffprec(handle, record, &status) }
        }
    }

    /// The fewest significant digits (15 to 17) that give `value` back exactly: the shortest
    /// card that loses nothing. CFITSIO formats with "%.*G" for negative decim.
    static func roundTripDigits(_ value: Double) -> Int32 {
        guard value.isFinite else { return 17 }
        for digits in 15...16 where Double(String(format: "%.\(digits)G", value)) == value {
            return Int32(digits)
        }
        return 17
    }
}

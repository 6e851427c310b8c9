import Foundation

/// The description of one HDU as `adinfo --json` prints it, following the schema of the
/// corpus references: `index`, `kind`, `bitpix`, `naxis`, `extname`, `extver`, `table`,
/// `gcount`/`pcount`, and on request `keywords` and `stats`. A compressed image's keywords are
/// those of the image as CFITSIO presents it (the FITS layer leaves out the table's bookkeeping).
public enum HDUSummary {
    public static func jsonObject(_ info: HDUInfo, statistics: ImageStatistics?,
                                  includeKeywords: Bool) -> [String: Any] {
        var object: [String: Any] = ["index": info.index, "kind": info.kind.rawValue]
        if let bitpix = info.bitpix { object["bitpix"] = bitpix }
        if info.kind.isImage || info.kind == .randomGroups { object["naxis"] = info.naxis }
        if let name = info.extname { object["extname"] = name }
        if let version = info.extver { object["extver"] = version }
        if let table = info.table {
            // A column without TTYPE has no name: null, not an empty string.
            let columns: [Any] = table.columns.map { $0.isEmpty ? NSNull() as Any : $0 as Any }
            object["table"] = ["rows": table.rows, "columns": columns] as [String: Any]
        }
        if let groups = info.groups {
            object["gcount"] = groups.gcount
            object["pcount"] = groups.pcount
        }
        if includeKeywords {
            var keywords: [String: Any] = [:]
            for card in info.header.cards {
                guard let value = card.value, keywords[card.keyword] == nil else { continue }
                keywords[card.keyword] = jsonValue(value)
            }
            object["keywords"] = keywords
        }
        if let s = statistics {
            var stats: [String: Any] = ["n": s.count, "nvalid": s.validCount, "nblank": s.blankCount,
                                        "nnan": s.nanCount, "sum": s.sum]
            if let v = s.min { stats["min"] = v }
            if let v = s.max { stats["max"] = v }
            if let v = s.mean { stats["mean"] = v }
            object["stats"] = stats
        }
        return object
    }

    static func jsonValue(_ value: HeaderValue) -> Any {
        switch value {
        case .string(let s): return s
        case .integer(let i): return i
        case .real(let d): return d.isFinite ? d : String(d)
        case .logical(let b): return b
        case .complex(let r, let i): return [r, i]
        case .undefined: return NSNull()
        }
    }
}

import Foundation

/// One row of an exposure log: one CCD of one exposure (ObsID).
///
/// Typed values live under canonical field names (``ExposureLogField``); the text of every
/// column, mapped or not, is kept in ``raw`` under its trimmed header name, so nothing in the
/// file is lost.
///
/// ```swift
/// let row = log.row(obsid: 191, ccd: 2)!
/// row.exposureTime          // 0.0 s
/// row.number(.R1C2_TT)      // -180.17 °C
/// row.raw["Lab_ver"]        // "13.0.1f2", a 5.7.x column with no 7.5.X counterpart
/// ```
public struct ExposureLogRow: Sendable, Equatable {
    public var obsid: Int
    /// The FITS file name without `.fits`.
    public var fileName: String
    /// 1, 2 or 3.
    public var ccd: Int
    public var values: [ExposureLogField: ExposureLogValue]
    /// Every column's text, keyed by the trimmed header name as written in the file.
    public var raw: [String: String]
    /// The log the row came from and its 1-based line, for messages; `nil` for rows built in code.
    public var sourceFile: URL?
    public var lineNumber: Int?

    public init(obsid: Int, fileName: String, ccd: Int,
                values: [ExposureLogField: ExposureLogValue] = [:], raw: [String: String] = [:],
                sourceFile: URL? = nil, lineNumber: Int? = nil) {
        self.obsid = obsid
        self.fileName = fileName
        self.ccd = ccd
        self.values = values
        self.raw = raw
        self.sourceFile = sourceFile
        self.lineNumber = lineNumber
    }

    public func integer(_ field: ExposureLogField) -> Int? {
        switch values[field] {
        case .integer(let v): return v
        case .number(let v) where v.rounded() == v: return Int(v)
        default: return nil
        }
    }

    /// A numeric value as Double, whether the column is integer or decimal.
    public func number(_ field: ExposureLogField) -> Double? {
        switch values[field] {
        case .number(let v): return v
        case .integer(let v): return Double(v)
        default: return nil
        }
    }

    public func text(_ field: ExposureLogField) -> String? {
        if case .text(let v) = values[field] { return v }
        return nil
    }

    // The fields recipes use most, by the names a calibration scientist would use.
    public var date: Date? { if case .date(let d) = values[.date] { return d }; return nil }
    public var roe: String? { text(.roe) }
    public var program: String? { text(.program) }
    public var test: String? { text(.test) }
    public var operatorName: String? { text(.operator) }
    /// Seconds.
    public var exposureTime: Double? { number(.exptime) }
    public var vstart: Int? { integer(.vstart) }
    public var vend: Int? { integer(.vend) }
    public var readoutMode: String? { text(.rdmode) }
    public var flushes: Int? { integer(.flushes) }
    /// The OGSE source (e.g. flat or point) as written.
    public var source: String? { text(.source) }
    /// Filter-wheel position 1...6; see ``ChamberProfile/wavelength(filterPosition:)``.
    public var filterPosition: Int? { integer(.wave) }
    public var chargeInjection: Int? { integer(.chinj) }
    /// Serial numbers of the three CCDs of the block.
    public var ccdSerialNumbers: [String?] { [text(.sn_ccd1), text(.sn_ccd2), text(.sn_ccd3)] }
    /// This row's own CCD temperatures (top, bottom), °C.
    public var ccdTemperature: (top: Double?, bottom: Double?) {
        let fields: [(ExposureLogField, ExposureLogField)] = [(.R1C1_TT, .R1C1_TB), (.R1C2_TT, .R1C2_TB), (.R1C3_TT, .R1C3_TB)]
        guard (1...3).contains(ccd) else { return (nil, nil) }
        return (number(fields[ccd - 1].0), number(fields[ccd - 1].1))
    }
}

import Foundation

extension ExposureLog {
    /// The 81 header names of an ELVIS 6.3.0 … 7.5.X log, in file order; `nil` for older layouts.
    ///
    /// 6.5.X, 7.2.X and 7.5.X share the canonical names; 6.3.0 differs in four of them.
    public static func columnNames(version: ELVISVersion) -> [String]? {
        let renamed63: [ExposureLogField: String] = [.cdpu_clk: "spw_clk", .v_tp_mod: "v_tpmod",
                                                     .s_tp_mod: "s_tpmod", .motr: "motr_on"]
        switch version {
        case .v6_5_X, .v7_2_X, .v7_5_X: return ExposureLogField.allCases.map(\.rawValue)
        case .v6_3_0: return ExposureLogField.allCases.map { renamed63[$0] ?? $0.rawValue }
        default: return nil
        }
    }

    /// Writes rows as an ELVIS exposure log (tab-separated, CRLF, trailing tab as ELVIS does),
    /// for the simulator. Fields a row lacks are left empty, which the reader takes as absent.
    ///
    /// ```swift
    /// var row = ExposureLogRow(obsid: 2112, fileName: name, ccd: 1)
    /// row.values[.exptime] = .number(3.5)
    /// try ExposureLog.write([row], version: .v7_5_X, to: folder.appendingPathComponent("EXP_LOG_231016.txt"))
    /// ```
    public static func write(_ rows: [ExposureLogRow], version: ELVISVersion = .v7_5_X, to url: URL) throws {
        try Data(text(rows, version: version).utf8).write(to: url, options: .atomic)
    }

    /// The text ``write(_:version:to:)`` puts in the file.
    public static func text(_ rows: [ExposureLogRow], version: ELVISVersion = .v7_5_X) throws(ExposureLogError) -> String {
        guard let header = columnNames(version: version) else {
            throw .unwritableLayout(version: version.rawValue)
        }
        var lines = [header.joined(separator: "\t") + "\t"]
        for row in rows {
            var fields: [String] = []
            for field in ExposureLogField.allCases {
                switch field {
                case .obsid: fields.append(String(row.obsid))
                case .fileName: fields.append(row.fileName)
                case .ccd: fields.append("CCD\(row.ccd)")
                default: fields.append(try text(of: row.values[field], row: row))
                }
            }
            lines.append(fields.joined(separator: "\t") + "\t")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func text(of value: ExposureLogValue?, row: ExposureLogRow) throws(ExposureLogError) -> String {
        switch value {
        case nil: return ""
        case .integer(let v): return String(v)
        case .number(let v): return SidecarNumber.text(v)
        case .text(let v): return v.replacingOccurrences(of: "\t", with: " ")  // a tab would split the column
        case .date(let d):
            guard let stamp = VISDate.format(d) else { throw .unwritableDate(obsid: row.obsid, ccd: row.ccd) }
            return stamp
        }
    }
}

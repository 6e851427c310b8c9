import Config_VIS
import Foundation

extension TestDefinition {
    /// Seconds between exposures in vison's mock logs: 4 s setup, 71 s readout, the exposure,
    /// and another 71 s for injection or pumping frames (VIS.md 6).
    public static func cadence(of column: AcquisitionColumn) -> TimeInterval {
        let slow = column.number(.chinj) == 1 || column.number(.v_tpump) == 1 || column.number(.s_tpump) == 1
        return 4 + 71 + column.exposureTime + (slow ? 71 : 0)
    }

    /// The exposure-log rows a faultless acquisition of this test writes: every column's frames
    /// in order, one ObsID per frame, one row per CCD, with the column's settings and file names
    /// `EUC_<ObsID>_<DDMMYY>D_<hhmmss>T_ROE1_CCD<n>`. The simulator writes these; tests perturb them.
    ///
    /// ```swift
    /// let rows = try catalog.definition("BIAS01").expectedLogRows(firstObsID: 1000, start: date)
    /// try ExposureLog.write(rows, to: folder.appendingPathComponent("EXP_LOG_231016.txt"))
    /// ```
    public func expectedLogRows(firstObsID: Int, ccds: [Int] = [1, 2, 3], start: Date) -> [ExposureLogRow] {
        var rows: [ExposureLogRow] = []
        var obsid = firstObsID
        var time = start
        for column in columns {
            for _ in 0..<column.frames {
                for ccd in ccds {
                    let name = VISFileName.exposure(obsid: obsid, date: time, ccd: ccd) ?? "EUC_\(obsid)_ROE1_CCD\(ccd)"
                    var row = ExposureLogRow(obsid: obsid, fileName: name, ccd: ccd)
                    for (field, value) in column.settings { row.values[field] = value.logValue(for: field) }
                    row.values[.date] = .date(time)
                    row.values[.roe] = .text("ROE1")
                    rows.append(row)
                }
                obsid += 1
                time += Self.cadence(of: column)
            }
        }
        return rows
    }
}

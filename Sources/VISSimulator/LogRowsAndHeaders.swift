import AstroKit
import Config_VIS
import Foundation
import Recipes_VIS

/// Completes the exposure-log row of one CCD of one exposure: the column's settings from the test
/// definition, then what the definition leaves to the instrument (identification, versions,
/// temperatures). The readout window is the frame's own (see ``window(vstart:vend:geometry:)``),
/// so that log, header and pixels agree for small frames too.
struct RowContext {
    let request: SimulationRequest
    let definition: TestDefinition

    /// Values ELVIS records that are not test settings.
    var instrument: [ExposureLogField: ExposureLogValue] {
        let t = ExposureLogValue.number(request.ccdTemperature)
        return [
            .roe: .text("ROE1"), .program: .text("CALCAMP"), .calscrpt: .text("vissim_\(definition.name).xlsx"),
            .sn_roe: .text("FM-ROE-01"), .sn_rpsu: .text("FM-RPSU-01"), .BUNIT: .text("ADU"),
            .operator: .text("sim"), .con_file: .text("vis_roe_config_cold_FM.txt"),
            .fl_rdout: .number(0), .ci_rdout: .number(0), .cdpu_clk: .integer(0),
            .fpga_ver: .text("2AC"), .egse_ver: .text("7.5.X"),
            .R1C1_TT: t, .R1C1_TB: t, .R1C2_TT: t, .R1C2_TB: t, .R1C3_TT: t, .R1C3_TB: t,
        ]
    }

    /// A row of the definition's ``TestDefinition/expectedLogRows(firstObsID:ccds:start:)``
    /// with the instrument's values and the frame's window added.
    func complete(_ expected: ExposureLogRow, conditions: ExposureConditions) -> ExposureLogRow {
        var row = expected
        for (field, value) in instrument where row.values[field] == nil { row.values[field] = value }
        row.values[.test] = .text(definition.loggedTestName)
        row.values[.vstart] = .integer(conditions.vstart)
        row.values[.vend] = .integer(conditions.vend)
        return row
    }
}

/// The extension header of a raw frame: the ELVIS keywords (VIS.md 1.4) from the log row.
/// ELVIS writes no test name, so neither do we; descriptors find it in the exposure log.
enum FrameHeader {
    /// Log fields that are not header keywords, or that ELVIS headers lack.
    static let notInHeader: Set<ExposureLogField> = [.fileName, .ccd, .roe, .date, .test, .fl_rdout, .ci_rdout, .obsid]
    /// Keywords whose names differ from the log field's.
    static let renamed: [ExposureLogField: String] = [.cdpu_clk: "SPW_CLK", .mirr_pos: "POS_MIRR", .calscrpt: "CALSCRPT"]
    /// Left out of sparse headers: the exposure and optical settings.
    static let sparseOmits: Set<ExposureLogField> = [.exptime, .wave, .source, .mirr_on, .mirr_pos, .motr, .motr_cnt, .motr_siz]

    static func make(row: ExposureLogRow, geometry g: VISGeometry, size: FrameSize, sparse: Bool) -> FITSHeader {
        var header = FITSHeader()
        header.set("OBSID", .integer(row.obsid), comment: "exposure identifier")
        if let date = row.date {
            header.set("DATE", .string(ISO8601DateFormatter().string(from: date)), comment: "start of exposure (UTC)")
        }
        for field in ExposureLogField.allCases where !notInHeader.contains(field) {
            if sparse, sparseOmits.contains(field) { continue }
            guard let value = row.values[field] else { continue }
            let keyword = renamed[field] ?? field.rawValue.uppercased()
            switch value {
            case .integer(let v): header.set(keyword, .integer(v))
            case .number(let v): header.set(keyword, .real(v))
            case .text(let v): header.set(keyword, .string(v))
            case .date: continue
            }
        }
        if size != .full {
            // Small frames say their own geometry, which VISGeometry.from(header:) reads.
            header.set("PRESCANX", .integer(g.prescanColumns), comment: "serial prescan columns per quadrant")
            header.set("OVRSCANX", .integer(g.overscanColumns), comment: "serial overscan columns per quadrant")
            header.set("OVRSCANY", .integer(max(g.parallelOverscanRows, 20)), comment: "parallel overscan rows per quadrant")
            header.set("NCOLQUAD", .integer(g.imageColumns), comment: "image columns per quadrant")
            header.set("NROWQUAD", .integer(g.imageRows), comment: "image rows per quadrant")
        }
        return header
    }
}

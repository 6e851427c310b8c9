import Foundation

/// The canonical exposure-log columns: the ELVIS 7.5.X names, in 7.5.X order.
///
/// Older logs are mapped onto these through ``ExposureLogColumnNames`` so that a calibration
/// recipe asks for `.exptime` whatever ELVIS wrote the log.
///
/// ```swift
/// let seconds = row.number(.exptime)     // from `Exptime` (5.7.x) or `exptime` (≥ 6.3.0)
/// let odTop = row.number(.OD_1_T)        // from `ODCCD1_V`, `OD_T1_V` or `OD_1_T`
/// ```
public enum ExposureLogField: String, CaseIterable, Sendable, Codable {
    // Identification
    case obsid = "ObsID", fileName = "File_name", ccd = "CCD", roe = "ROE", date, program, test
    case calscrpt, sn_ccd1, sn_ccd2, sn_ccd3, sn_roe, sn_rpsu, BUNIT, `operator`, con_file
    // Exposure and readout (exptime in s)
    case exptime, fl_rdout, ci_rdout, IPHI, vstart, vend, rdmode, flushes, siflsh, siflsh_p
    case swellw, swelldly, inisweep, cdpu_clk
    // Charge injection
    case chinj, chinj_on, chinj_of, id_wid, id_dly, chin_dly
    // Trap pumping
    case v_tpump, s_tpump, v_tp_mod, s_tp_mod, v_tp_cnt, s_tp_cnt, dwell_v, dwell_s
    // Times of integration (µs)
    case toi_fl, toi_tp, toi_ro, toi_ch
    case fpga_ver, egse_ver
    // Optical ground support: `wave` is the filter-wheel position 1...6
    case motr, motr_cnt, motr_siz, source, wave, mirr_on, mirr_pos
    // CCD temperatures, top and bottom (°C)
    case R1C1_TT, R1C1_TB, R1C2_TT, R1C2_TB, R1C3_TT, R1C3_TB
    // Bias voltages (V)
    case IDL, IDH, IG1_1_T, IG1_2_T, IG1_3_T, IG1_1_B, IG1_2_B, IG1_3_B, IG2_T, IG2_B
    case OD_1_T, OD_2_T, OD_3_T, OD_1_B, OD_2_B, OD_3_B, RD_T, RD_B

    /// How a column's text is read.
    public enum Kind: Sendable { case integer, number, text, date, ccd }

    /// The types of vison's `dtypes_dict` for 7.5.X, with `date` and `CCD` given their meaning.
    public var kind: Kind {
        switch self {
        case .date: return .date
        case .ccd: return .ccd
        case .obsid, .vstart, .vend, .flushes, .siflsh, .inisweep, .cdpu_clk, .chinj, .chinj_on,
             .chinj_of, .chin_dly, .v_tpump, .s_tpump, .v_tp_mod, .s_tp_mod, .v_tp_cnt, .s_tp_cnt,
             .toi_fl, .toi_tp, .toi_ro, .toi_ch, .motr, .motr_cnt, .wave, .mirr_on:
            return .integer
        case .fileName, .roe, .program, .test, .calscrpt, .sn_ccd1, .sn_ccd2, .sn_ccd3, .sn_roe,
             .sn_rpsu, .BUNIT, .operator, .con_file, .IPHI, .rdmode, .fpga_ver, .egse_ver, .source:
            return .text
        default:
            return .number
        }
    }
}

/// One typed value of an exposure-log row.
public enum ExposureLogValue: Sendable, Equatable, Hashable {
    case integer(Int)
    case number(Double)
    case text(String)
    case date(Date)
}

/// Which header names of every ELVIS version mean which canonical field.
///
/// Names are compared trimmed, lower-cased and without inner spaces, so `Vstart `, `DATE` and
/// the misspelt `TOI _pump` find their field. Legacy single-value columns fan out: 5.7.x had
/// one `IG1_V` for all CCDs and halves, and `ODCCDn_V` for both halves of CCD n. Its per-CCD
/// `RDCCDn_V` is taken for the row's own CCD (see ``ExposureLogRow``).
/// 5.7.x `Wavelength` held nanometres, not the filter position `wave`, so it stays raw only.
public enum ExposureLogColumnNames {
    /// Legacy (5.7.x, 6.0.0/6.1.0) and 6.3.0 names that differ from the 7.5.X ones.
    public static let aliases: [String: [ExposureLogField]] = {
        var table: [String: [ExposureLogField]] = [
            // 5.7.x and 6.0/6.1 identification
            "CCD1_SN": [.sn_ccd1], "CCD2_SN": [.sn_ccd2], "CCD3_SN": [.sn_ccd3],
            "ROE_SN": [.sn_roe], "RPSU_SN": [.sn_rpsu],
            // exposure and readout
            "Flsh-Rdout_e_time": [.fl_rdout], "C.Inj-Rdout_e_time": [.ci_rdout],
            "N_P_high": [.IPHI], "CLK_ROE": [.rdmode], "CLK_ROE1": [.rdmode],
            "SPW_clk": [.cdpu_clk], "spw_clk": [.cdpu_clk],
            // charge injection: on/off rows, pulse length and delay (vison's script key names)
            "Chrg_inj": [.chinj], "On_cycle": [.chinj_on], "Off_cycl": [.chinj_of],
            "pls_leng": [.id_wid], "pls_del": [.id_dly], "SerRdDel": [.chin_dly],
            // trap pumping: serial/vertical shuffle counts and dwell times
            "TP_Ser_S": [.s_tp_cnt], "TP_Ver_S": [.v_tp_cnt], "TP_DW_V": [.dwell_v], "TP_DW_H": [.dwell_s],
            "v_tpmod": [.v_tp_mod], "s_tpmod": [.s_tp_mod],
            // times of integration
            "TOI_flu": [.toi_fl], "TOI_flsh": [.toi_fl], "TOI_pump": [.toi_tp], "TOI_read": [.toi_ro],
            "TOI_CInj": [.toi_ch],
            // optical ground support
            "motr_on": [.motr], "M_Steps": [.motr_cnt], "M_St_Sze": [.motr_siz],
            // bias voltages
            "IDL_V": [.IDL], "IDH_V": [.IDH],
            "IG1_V": [.IG1_1_T, .IG1_2_T, .IG1_3_T, .IG1_1_B, .IG1_2_B, .IG1_3_B],
            "IG2_V": [.IG2_T, .IG2_B], "IG2_T_V": [.IG2_T], "IG2_B_V": [.IG2_B],
            "RD_T_V": [.RD_T], "RD_B_V": [.RD_B],
        ]
        let tops: [ExposureLogField] = [.IG1_1_T, .IG1_2_T, .IG1_3_T]
        let bottoms: [ExposureLogField] = [.IG1_1_B, .IG1_2_B, .IG1_3_B]
        let odTops: [ExposureLogField] = [.OD_1_T, .OD_2_T, .OD_3_T]
        let odBottoms: [ExposureLogField] = [.OD_1_B, .OD_2_B, .OD_3_B]
        let temperatures: [ExposureLogField] = [.R1C1_TT, .R1C1_TB, .R1C2_TT, .R1C2_TB, .R1C3_TT, .R1C3_TB]
        for n in 1...3 {
            table["IG1_T\(n)_V"] = [tops[n - 1]]
            table["IG1_B\(n)_V"] = [bottoms[n - 1]]
            table["OD_T\(n)_V"] = [odTops[n - 1]]
            table["OD_B\(n)_V"] = [odBottoms[n - 1]]
            table["ODCCD\(n)_V"] = [odTops[n - 1], odBottoms[n - 1]]
            table["R1CCD\(n)TT"] = [temperatures[2 * (n - 1)]]
            table["R1CCD\(n)TB"] = [temperatures[2 * (n - 1) + 1]]
        }
        return table
    }()

    /// The legacy per-CCD reset-drain columns `RDCCDn_V`, handled per row.
    static func legacyResetDrainCCD(_ name: String) -> Int? {
        let key = normalized(name)
        guard key.hasPrefix("rdccd"), key.hasSuffix("_v"), key.count == 8,
              let n = Int(String(key[key.index(key.startIndex, offsetBy: 5)])), (1...3).contains(n) else { return nil }
        return n
    }

    private static let lookup: [String: [ExposureLogField]] = {
        var table: [String: [ExposureLogField]] = [:]
        for field in ExposureLogField.allCases { table[normalized(field.rawValue)] = [field] }
        for (name, fields) in aliases { table[normalized(name)] = fields }
        return table
    }()

    /// The canonical fields a header name stands for; empty if it has none (kept raw only).
    public static func fields(forHeader name: String) -> [ExposureLogField] {
        lookup[normalized(name)] ?? []
    }

    static func normalized(_ name: String) -> String {
        name.lowercased().filter { !$0.isWhitespace }
    }
}

import AstroKit
import Foundation

extension VISSidecarDescriptors {
    static func providers(_ s: VISSettings) -> [DescriptorProvider] {
        var list: [DescriptorProvider] = [
            headerOrLog("test", .string, s, ["TEST"], .test),
            headerOrLog("exposure_time", .double, s, ["EXPTIME"], .exptime),
            headerOrLog("filter", .int, s, ["WAVE"], .wave),
            headerOrLog("source", .string, s, ["SOURCE"], .source),
            headerOrLog("mirror_position", .double, s, ["POS_MIRR", "MIRR_POS"], .mirr_pos),
            headerOrLog("readout_mode", .string, s, ["RDMODE"], .rdmode),
            headerOrLog("ccd_serial", .string, s, keywords: { ccd in ccd.map { ["SN_CCD\($0)", "CCD_SN"] } ?? ["CCD_SN"] },
                        field: perCCD([.sn_ccd1, .sn_ccd2, .sn_ccd3])),
            headerOrLog("chinj", .int, s, ["CHINJ", "CHRG_INJ"], .chinj),
            headerOrLog("chinj_on", .int, s, ["CHINJ_ON"], .chinj_on),
            headerOrLog("chinj_off", .int, s, ["CHINJ_OF"], .chinj_of),
            headerOrLog("id_wid", .double, s, ["ID_WID"], .id_wid),
            headerOrLog("id_dly", .double, s, ["ID_DLY"], .id_dly),
            headerOrLog("toi_ch", .double, s, ["TOI_CH"], .toi_ch),
            headerOrLog("v_tpump", .int, s, ["V_TPUMP"], .v_tpump),
            headerOrLog("s_tpump", .int, s, ["S_TPUMP"], .s_tpump),
            headerOrLog("v_tp_mod", .int, s, ["V_TP_MOD"], .v_tp_mod),
            headerOrLog("s_tp_mod", .int, s, ["S_TP_MOD"], .s_tp_mod),
            headerOrLog("v_tp_cnt", .int, s, ["V_TP_CNT"], .v_tp_cnt),
            headerOrLog("s_tp_cnt", .int, s, ["S_TP_CNT"], .s_tp_cnt),
            headerOrLog("toi_tp", .double, s, ["TOI_TP"], .toi_tp),
            headerOrLog("dwell_v", .double, s, ["DWELL_V"], .dwell_v),
            headerOrLog("dwell_s", .double, s, ["DWELL_S"], .dwell_s),
            headerOrLog("ccd_temperature_top", .double, s, keywords: { ccd in ccd.map { ["R1C\($0)_TT"] } ?? [] },
                        field: perCCD([.R1C1_TT, .R1C2_TT, .R1C3_TT])),
            headerOrLog("ccd_temperature_bottom", .double, s, keywords: { ccd in ccd.map { ["R1C\($0)_TB"] } ?? [] },
                        field: perCCD([.R1C1_TB, .R1C2_TB, .R1C3_TB])),
            headerOrLog("idl", .double, s, ["IDL", "IDL_V"], .IDL),
            headerOrLog("idh", .double, s, ["IDH", "IDH_V"], .IDH),
            headerOrLog("ig1_top", .double, s, keywords: { ccd in ccd.map { ["IG1_\($0)_T"] } ?? [] },
                        field: perCCD([.IG1_1_T, .IG1_2_T, .IG1_3_T])),
            headerOrLog("ig1_bottom", .double, s, keywords: { ccd in ccd.map { ["IG1_\($0)_B"] } ?? [] },
                        field: perCCD([.IG1_1_B, .IG1_2_B, .IG1_3_B])),
            headerOrLog("ig2_top", .double, s, ["IG2_T"], .IG2_T),
            headerOrLog("ig2_bottom", .double, s, ["IG2_B"], .IG2_B),
            headerOrLog("od_top", .double, s, keywords: { ccd in ccd.map { ["OD_\($0)_T"] } ?? [] },
                        field: perCCD([.OD_1_T, .OD_2_T, .OD_3_T])),
            headerOrLog("od_bottom", .double, s, keywords: { ccd in ccd.map { ["OD_\($0)_B"] } ?? [] },
                        field: perCCD([.OD_1_B, .OD_2_B, .OD_3_B])),
            headerOrLog("rd_top", .double, s, ["RD_T"], .RD_T),
            headerOrLog("rd_bottom", .double, s, ["RD_B"], .RD_B),
        ]
        list += [testAcquisition(s), wavelength(s), blockID(s), dateTime(s), windowEdge("vstart", s), windowEdge("vend", s)]
        list += VISCalibrationDescriptors.providers(s)
        return list
    }

    /// The kind of acquisition the frame's test is (``VISCampaign``): a kind's raw value,
    /// "mixed" for PERSIST01, MOT_WARM and COSMETICS00, "none" for a test outside the campaign
    /// or a frame without a test name, which the type tree then types by its settings.
    static func testAcquisition(_ s: VISSettings) -> DescriptorProvider {
        DescriptorProvider("test_acquisition") { (context) throws(DescriptorFailure) -> ResolvedValue in
            let test: ResolvedValue
            do { test = try headerOrLog("test", .string, s, ["TEST"], .test).compute(context) } catch {
                return ResolvedValue(.string("none"), source: "no test name: \(String(describing: error))")
            }
            let name = test.value.text
            guard VISCampaign.testNames.contains(name) else {
                return ResolvedValue(.string("none"), source: "test '\(name)' (\(test.source)) is not a campaign test")
            }
            let kind = VISCampaign.acquisition(ofTest: name)?.rawValue ?? "mixed"
            return ResolvedValue(.string(kind), source: "campaign test \(name) (\(test.source))")
        }
    }

    /// nm: WAVELENG in the header; else the 5.7.x log's own `Wavelength` column (nm); else the
    /// filter position through the chamber profile.
    static func wavelength(_ s: VISSettings) -> DescriptorProvider {
        DescriptorProvider("wavelength") { (context) throws(DescriptorFailure) -> ResolvedValue in
            if let value = try fromHeaders(context, ["WAVELENG"], .int) { return value }
            if let match = try? row(context, s), let text = match.row.raw["Wavelength"], let nm = Int(text) {
                return ResolvedValue(.int(nm), source: "\(match.source) column Wavelength (nm, ELVIS 5.7)")
            }
            let filter = try headerOrLog("filter", .int, s, ["WAVE"], .wave).compute(context)
            guard case .int(let position) = filter.value else { throw .other("the filter position is not an integer") }
            let profile: ChamberProfile
            do { profile = try ChamberProfile.load(s.chamber) } catch { throw .other(String(describing: error)) }
            guard let nm = profile.wavelength(filterPosition: position) else {
                throw .lookupMiss(table: "filter wheel of \(profile.name)", key: "F\(position)")
            }
            let chosen = s.chamberIsDefault ? "default chamber profile" : "chamber profile"
            return ResolvedValue(.int(nm), source: "filter F\(position) (\(filter.source)) via the \(chosen) \(profile.name)")
        }
    }

    static func blockID(_ s: VISSettings) -> DescriptorProvider {
        DescriptorProvider("block_id") { (context) throws(DescriptorFailure) -> ResolvedValue in
            if let value = try fromHeaders(context, ["BLOCKID"], .string) { return value }
            if let match = try? row(context, s), let block = match.row.raw["BLOCKID"] ?? match.row.raw["BlockID"], !block.isEmpty {
                return ResolvedValue(.string(block), source: "\(match.source) column BLOCKID")
            }
            if let block = s.blockID {
                return ResolvedValue(.string(block.uppercased()), source: "configured block (VISConfiguration blockID or \(VISSettings.blockVariable))")
            }
            return ResolvedValue(.string("UNKNOWN"), source: "unknown block: no BLOCKID keyword or log column and none configured (\(VISSettings.blockVariable))")
        }
    }

    /// DATE-OBS when present; else ELVIS's DATE (`DDMMYYDhhmmssT` or ISO); else the log's date; else the file name.
    static func dateTime(_ s: VISSettings) -> DescriptorProvider {
        DescriptorProvider("ut_datetime") { (context) throws(DescriptorFailure) -> ResolvedValue in
            if let inherited = try? context.inherited() { return inherited }
            for (header, place) in VISDescriptors.headers(context) {
                guard var text = header.string("DATE") else { continue }
                // ISO 8601 writers end UTC times with Z, which FITS dates do not carry.
                if text.hasSuffix("Z") { text.removeLast() }
                if let date = VISDate.parse(text) ?? FITSDate.parse(text) {
                    return ResolvedValue(.date(date), source: "\(place) DATE")
                }
            }
            if let match = try? row(context, s), let date = match.row.date {
                return ResolvedValue(.date(date), source: match.source)
            }
            if let parsed = context.dataset.fileName.flatMap(VISFileName.init),
               let date = VISDate.parse("\(parsed.date)D\(parsed.time)T") {
                return ResolvedValue(.date(date), source: "file name")
            }
            throw .other("no DATE-OBS or DATE keyword, no exposure-log date and no VIS file name to take the date from")
        }
    }

    /// VSTART/VEND in the header; else the log row; else inferred from the frame height.
    static func windowEdge(_ name: String, _ s: VISSettings) -> DescriptorProvider {
        DescriptorProvider(name) { (context) throws(DescriptorFailure) -> ResolvedValue in
            let window = try VISDescriptors.window(context)
            let fromHeader = !window.start.source.hasPrefix("inferred")
            if !fromHeader, let match = try? row(context, s), let start = match.row.vstart, let end = match.row.vend {
                return ResolvedValue(.int(name == "vstart" ? start : end), source: match.source)
            }
            return name == "vstart" ? window.start : window.end
        }
    }
}

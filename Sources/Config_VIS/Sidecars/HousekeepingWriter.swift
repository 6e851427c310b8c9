import Foundation

extension HousekeepingFile {
    /// The 82 HK keys of an ELVIS 7.5.X file after `TimeStamp`, in file order: bias and
    /// temperature readbacks, FPGA and RPSU supplies, then the integer error and status flags.
    public static let elvis7_5_XKeys: [String] = [
        "CCD3_OD_T", "CCD2_OD_T", "CCD1_OD_T", "COMM_RD_T", "CCD2_IG1_T", "CCD1_IG1_T", "CCD3_TEMP_T",
        "CCD2_TEMP_T", "CCD1_TEMP_T", "CCD3_IG1_T", "COMM_IG2_T", "VID_PCB_TEMP_T", "FPGA_PCB_TEMP_T",
        "CCD1_OD_B", "CCD2_OD_B", "CCD3_OD_B", "COMM_RD_B", "CCD2_IG1_B", "CCD3_IG1_B", "CCD1_TEMP_B",
        "CCD2_TEMP_B", "CCD3_TEMP_B", "CCD1_IG1_B", "COMM_IG2_B", "VID_PCB_TEMP_B", "FPGA_PCB_TEMP_B",
        "FPGA_BIAS_DD", "FPGA_BIAS_OG", "FPGA_BIAS_ID1", "FPGA_BIAS_ID2", "FPGA_BIAS_ID_T", "FPGA_BIAS_ID_B",
        "FPGA_VRCLK_V", "FPGA_10VA_P_V", "FPGA_VICLK_V", "FPGA_5VA_P_V", "FPGA_5VREF_V", "FPGA_VCCD_V",
        "FPGA_1V5VD_P_V", "FPGA_3V2_N_V", "FPGA_5VA_N_V", "RPSU_VCCD_V", "RPSU_VCLK_V", "RPSU_VAN_P_V",
        "RPSU_VAN_N_V", "RPSU_3V3VD_V", "RPSU_1V5VD_V", "RPSU_28V_PRI_V", "RPSU_TEMP1", "RPSU_VCCD_I",
        "RPSU_VCLK_I", "RPSU_VAN_P_I", "RPSU_VAN_N_I", "RPSU_3V3VD_I", "RPSU_1V5VD_I", "RPSU_28V_PRI_I",
        "RPSU_TEMP_2", "ProtOvRideFlg", "hkInvalidFlg", "SPI_Inh_n", "3v3ProtErr", "5vProtErr",
        "V3v3ProtCnt", "V5ProtCnt", "VccdErrFlg", "VclkErrFlg", "VanErrFlg", "dacExeErr", "hkTmErr",
        "spwTmTOFlg", "spwTmRspErrFlg", "spwTcPktErrFlg", "adcBsyErrFlg", "CDPUClkSw", "hkRamErr",
        "ADC_BSY_ERR_CNT", "pixelToErr", "spwStatus", "spwTmPtypeFlag", "TwoCmdsErr", "SPW_STATUS_REG",
        "Out_of_range",
    ]

    /// The file as ELVIS 7.5.X writes it: `TimeStamp` then ``elvis7_5_XKeys``, tab-separated,
    /// names right-padded as ELVIS pads them, CRLF. Every 7.5.X key must be present; keys that
    /// are not 7.5.X keys are left out, so the layout stays exactly 7.5.X.
    ///
    /// ```swift
    /// let hk = try HousekeepingFile(obsid: 2112, date: d, timestamps: ["13:50:42"], series: readings)
    /// try hk.write(to: folder.appendingPathComponent(hk.elvisFileName()))
    /// ```
    public func elvis7_5_XText() throws(HousekeepingFileError) -> String {
        let missing = Self.elvis7_5_XKeys.filter { series($0) == nil }
        guard missing.isEmpty else { throw .missingKeys(missing) }
        let pad = { (name: String) in name.padding(toLength: Swift.max(name.count, 16), withPad: " ", startingAt: 0) }
        var lines = [(["TimeStamp"] + Self.elvis7_5_XKeys).map(pad).joined(separator: "\t")]
        for (row, stamp) in timestamps.enumerated() {
            let fields = Self.elvis7_5_XKeys.map { SidecarNumber.text(series($0)![row]) }
            lines.append(([stamp] + fields).joined(separator: "\t"))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    public func write(to url: URL) throws {
        try Data(elvis7_5_XText().utf8).write(to: url, options: .atomic)
    }

    /// `HK_<ObsID>_<DDMMYYDhhmmssT>_<ROE>.txt` for this file's obsid, date and ROE.
    public func elvisFileName() throws(HousekeepingFileError) -> String {
        guard let obsid, let date else { throw .unnamed(reason: "it has no ObsID or no date") }
        guard let name = VISFileName.housekeeping(obsid: obsid, date: date, roe: roe ?? "ROE1") else {
            throw .unnamed(reason: "its date is outside 1920-2019, which a two-digit-year stamp cannot hold")
        }
        return name
    }
}

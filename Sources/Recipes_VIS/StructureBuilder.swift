import Config_VIS
import Foundation

/// The ELVIS script defaults every column starts from (vison's
/// `script_dictionary['6.5.X']['defaults']`, used for 6.5.X to 7.5.X), as exposure-log fields.
///
/// Script-only keys with no log column (shuttr, e_shuttr, IPHI1..4) are folded into what the
/// log records: the phases held high become `IPHI` = "I1I2I3".
public enum ELVISScriptDefaults {
    public static let settings: [ExposureLogField: SettingValue] = {
        var s: [ExposureLogField: SettingValue] = [
            .IDL: 13, .IDH: 18, .IG2_T: 2.0, .IG2_B: 2.0, .RD_T: 16.0, .RD_B: 16.0,
            .IPHI: "I1I2I3",
            .rdmode: "fwd_bas", .flushes: 7, .siflsh: 1, .siflsh_p: 500, .swellw: 8.4, .swelldly: 5.625,
            .inisweep: 1, .vstart: 0, .vend: 2086,
            .toi_fl: 143, .toi_tp: 1000, .toi_ro: 1000, .toi_ch: 1000,
            .chinj: 0, .chinj_on: 1, .chinj_of: 1, .id_wid: 100, .id_dly: 1500, .chin_dly: 0,
            .s_tpump: 0, .s_tp_mod: 23, .v_tpump: 0, .v_tp_mod: 123, .s_tp_cnt: 1000, .v_tp_cnt: 1000,
            .dwell_v: 0, .dwell_s: 0,
            .exptime: 0, .mirr_on: 0, .mirr_pos: 70, .wave: 4, .motr: 0, .motr_cnt: 2, .motr_siz: 50,
            .source: "flat",
        ]
        for f in ig1Fields { s[f] = 6.0 }
        for f in odFields { s[f] = 26.0 }
        return s
    }()

    public static let ig1Fields: [ExposureLogField] = [.IG1_1_T, .IG1_2_T, .IG1_3_T, .IG1_1_B, .IG1_2_B, .IG1_3_B]
    public static let ig1Top: [ExposureLogField] = [.IG1_1_T, .IG1_2_T, .IG1_3_T]
    public static let ig1Bottom: [ExposureLogField] = [.IG1_1_B, .IG1_2_B, .IG1_3_B]
    public static let odFields: [ExposureLogField] = [.OD_1_T, .OD_2_T, .OD_3_T, .OD_1_B, .OD_2_B, .OD_3_B]

    /// Serial-register summing-well timing per readout mode (vison's `context.sumwell`):
    /// (swellw, swelldly) in µs.
    public static let sumwell: [String: (width: Double, delay: Double)] = [
        "fwd_bas": (8.4, 5.625), "fwd_e2v": (7.15, 6.725), "rwd_bas_v": (8.4, 5.625),
        "rwd_bas_s": (6.5, 0.175), "rwd_bas_vs": (6.5, 0.175),
    ]

    /// The settings of one readout mode: the mode and its summing-well timing.
    public static func readout(_ mode: String) -> [ExposureLogField: SettingValue] {
        let timing = sumwell[mode] ?? sumwell["fwd_bas"]!
        return [.rdmode: .text(mode), .swellw: .number(timing.width), .swelldly: .number(timing.delay)]
    }

    /// Every IG1 (all CCDs, both halves) at one voltage.
    public static func ig1(_ volts: Double) -> [ExposureLogField: SettingValue] {
        Dictionary(uniqueKeysWithValues: ig1Fields.map { ($0, SettingValue.number(volts)) })
    }

    /// Both IG2 halves at one voltage.
    public static func ig2(_ volts: Double) -> [ExposureLogField: SettingValue] {
        [.IG2_T: .number(volts), .IG2_B: .number(volts)]
    }
}

/// Assembles a test's columns the way vison's `update_structdict` fills its script dictionary,
/// with one deliberate difference (see ``settings(column:)``).
struct StructureBuilder {
    let chamber: ChamberProfile
    /// ELVIS defaults overlaid with the test's common values.
    var common: [ExposureLogField: SettingValue]
    /// The campaign's per-block values (serial numbers, operator...).
    let diffValues: [ExposureLogField: SettingValue]
    private(set) var columns: [AcquisitionColumn] = []

    init(test: String, chamber: ChamberProfile, common: [ExposureLogField: SettingValue],
         diffValues: [ExposureLogField: SettingValue]) {
        self.chamber = chamber
        var merged = ELVISScriptDefaults.settings
        merged[.test] = .text(test)
        merged.merge(common) { $1 }
        self.common = merged
        self.diffValues = diffValues
    }

    /// Precedence, lowest first: ELVIS defaults, the test's common values, `diffvalues`, the
    /// column's own values. vison applies `diffvalues` last, over the column's own values too
    /// (VIS.md 8, quirk 4); a column that sets a value on purpose (a CHINJ01 IG1 step, an NL02
    /// wavelength) keeps it here. diffvalues still override common values, so BIAS02 reads out
    /// in `rwd_bas_v` as vison's campaign configuration intends.
    func settings(column own: [ExposureLogField: SettingValue]) -> [ExposureLogField: SettingValue] {
        var s = common
        s.merge(diffValues) { $1 }
        s.merge(own) { $1 }
        return s
    }

    mutating func add(_ frames: Int, _ role: String, _ acquisition: VISAcquisition,
                      _ own: [ExposureLogField: SettingValue] = [:], relativeFluence: Double? = nil) {
        let label = String(format: "col%03d", columns.count + 1)
        let settings = settings(column: own)
        let wavelength = settings[.wave]?.number.flatMap { chamber.wavelength(filterPosition: Int($0)) }
        columns.append(AcquisitionColumn(label: label, frames: frames, role: role, acquisition: acquisition,
                                         settings: settings, relativeFluence: relativeFluence,
                                         wavelength: acquisition == .flat || acquisition == .pointSource ? wavelength : nil))
    }

    /// The filter-wheel position of a wavelength (or the 2000 / 0 settings) in this chamber.
    func filterPosition(_ wavelength: Int) throws(TestCatalogError) -> Int {
        for n in 1...6 where chamber.wavelength(filterPosition: n) == wavelength { return n }
        throw .unknownWavelength(wavelength, chamber: chamber.name)
    }

    /// Seconds for `percent` % of the time to 2^16 ADU with a source at a wavelength.
    func exposureTime(_ percent: Double, _ illumination: ChamberProfile.Illumination,
                      wavelength: Int) throws(TestCatalogError) -> Double {
        guard let full = chamber.timeToFullWell(illumination, wavelength: wavelength) else {
            throw .missingTimeToFullWell(illumination == .flat ? "flat" : "point", wavelength, chamber: chamber.name)
        }
        return full * percent / 100
    }

    /// The settings of an exposure of `percent` % full well: time, filter position and source.
    func exposure(_ percent: Double, _ illumination: ChamberProfile.Illumination,
                  wavelength: Int) throws(TestCatalogError) -> [ExposureLogField: SettingValue] {
        [.exptime: .number(try exposureTime(percent, illumination, wavelength: wavelength)),
         .wave: .number(Double(try filterPosition(wavelength))),
         .source: .text(illumination == .flat ? "flat" : "point")]
    }
}

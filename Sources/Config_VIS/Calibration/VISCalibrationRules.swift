import AstroKit
import Foundation

/// How the calibration database matches VIS products to raw VIS frames.
///
/// The numbers, and why:
/// - CCD temperature ±2 K: the campaign's HK limits keep the CCDs at −120 ± 1 °C (VIS.md 7.2),
///   so two frames inside the limits differ by at most 2 K; a product made outside that band
///   (warm tests, cool-down) is not applied to nominal data.
/// - Wavelength ±35 nm: half the smallest gap between the filter-wheel wavelengths (730 and
///   800 nm), so a flat is always from the same filter, whatever rounding a chamber profile uses.
/// - Time windows follow the FitsStorage rules DRAGONS users rely on (ASTRODATA.md 3.3):
///   biases ±90 days, flats ±180 days, darks ±365 days; defect masks (cosmetics that do not
///   heal) ±365 days. Gain tables have no window: a block's PTC gain serves its whole campaign
///   (vison's inCDPs take one GAIN_TB per block), and the closest in time wins.
public enum VISCalibrationRules {
    public static let temperatureTolerance = 2.0
    public static let wavelengthTolerance = 35.0

    /// Readout configuration: the same CCD (serial and position) read the same way.
    static let readout: [MatchCriterion] = [
        .exact("ccd_serial"), .exact("ccd"), .exact("readout_mode"), .exact("vstart"), .exact("vend"),
    ]
    static let temperature = MatchCriterion.within("ccd_temperature_top", temperatureTolerance, unit: "K")

    public static let rules: [CalibrationRule] = [
        CalibrationRule(kind: "processed_bias", productType: "VIS_MASTER_BIAS", appliesTo: "VIS",
                        criteria: readout + [.withinDays(90)]),
        CalibrationRule(kind: "processed_dark", productType: "VIS_MASTER_DARK", appliesTo: "VIS",
                        criteria: readout + [temperature, .withinDays(365)]),
        CalibrationRule(kind: "processed_flat", productType: "VIS_MASTER_FLAT", appliesTo: "VIS",
                        criteria: readout + [.within("wavelength", wavelengthTolerance, unit: "nm"), temperature,
                                             .withinDays(180)]),
        CalibrationRule(kind: "defect_mask", productType: "VIS_DEFECT_MASK", appliesTo: "VIS",
                        criteria: [.exact("ccd_serial"), .exact("ccd"), .withinDays(365)]),
        CalibrationRule(kind: "gain_table", productType: "VIS_GAIN_TABLE", appliesTo: "VIS",
                        criteria: [.exact("block_id"), .member("ccd_serial", of: "ccd_serials")]),
        CalibrationRule(kind: "read_noise_table", productType: "VIS_READ_NOISE_TABLE", appliesTo: "VIS",
                        criteria: [.exact("block_id"), .member("ccd_serial", of: "ccd_serials"), .exact("readout_mode")]),
    ]
}

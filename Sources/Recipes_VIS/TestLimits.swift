import Config_VIS
import Foundation

/// The performance limits of a test: the readout limits every test checks
/// (``PerformanceLimits``, from the lookup table) and the test's own (VIS.md 3.3).
///
/// Offsets are checked against the block's table, which depends on the block measured, not
/// on the test: ``PerformanceLimits/offsetRange(_:ccd:quadrant:)`` gives them.
public struct TestLimits: Sendable, Equatable {
    public var performance: PerformanceLimits
    /// Accepted fluence above bias (ADU) per column label, for columns with a fluence check
    /// (flats, PTC, NL01, PSF peak fluence).
    public var columnFluence: [String: ClosedRange<Double>]
    /// What ``columnFluence`` measures, e.g. "median image fluence above the overscan".
    public var fluenceMeaning: String?
    /// Accepted time to reach 2^16 ADU from the measured flux (s) (flat and PTC tests).
    public var saturationTime: ClosedRange<Double>?
    /// DARK01: accepted image-area fluence above bias over the 565 s exposure (ADU).
    public var darkFluence: ClosedRange<Double>?
    /// PERSIST01: accepted fraction of saturated pixels in the saturating frame.
    public var saturatedFraction: ClosedRange<Double>?
    /// PERSIST01: accepted background of the reference and latent darks (ADU).
    public var backgroundFluence: ClosedRange<Double>?
    /// Accepted median injection level (ADU) per column label, for injected halves whose
    /// level is predictable (VIS.md 3.3.7 `predict_inj_level`).
    public var injectionLevel: [String: InjectionExpectation]
    /// PTC0X and MOT_WARM: largest |hard-edge response| at the first overscan pixel.
    public var hardEdgeResponseMaximum: Double?

    public init(performance: PerformanceLimits, columnFluence: [String: ClosedRange<Double>] = [:],
                fluenceMeaning: String? = nil, saturationTime: ClosedRange<Double>? = nil,
                darkFluence: ClosedRange<Double>? = nil, saturatedFraction: ClosedRange<Double>? = nil,
                backgroundFluence: ClosedRange<Double>? = nil, injectionLevel: [String: InjectionExpectation] = [:],
                hardEdgeResponseMaximum: Double? = nil) {
        self.performance = performance
        self.columnFluence = columnFluence
        self.fluenceMeaning = fluenceMeaning
        self.saturationTime = saturationTime
        self.darkFluence = darkFluence
        self.saturatedFraction = saturatedFraction
        self.backgroundFluence = backgroundFluence
        self.injectionLevel = injectionLevel
        self.hardEdgeResponseMaximum = hardEdgeResponseMaximum
    }
}

/// The injection a charge-injection column should give, per CCD half.
///
/// The injection-drain delay selects the half: 2.5 × toi_ch injects into the bottom half
/// (quadrants E, F), 1.5 × toi_ch into the top half (G, H).
public struct InjectionExpectation: Sendable, Equatable {
    /// Quadrants that receive the injection.
    public var quadrants: [Quadrant]
    /// Predicted median level (ADU); nil when the voltages put it out of the model's range
    /// (IDL ≥ IG1 + 7.5 V), in which case only the wide limits apply.
    public var predicted: Double?
    /// Accepted median injection (ADU): predicted × (1 ± 0.5), or [−10, 1.01 × 65536].
    public var median: ClosedRange<Double>
    /// Accepted std of the injection (ADU): predicted × 0.3 × [0.1, 1.5], or [0, 1e4].
    public var spread: ClosedRange<Double>

    /// vison's model: 0 for pulses shorter than 10 µs; 600 + max(0, IG2 − IG1) × 6000 ADU when
    /// IDL < IG1 + 7.5 V; unpredictable otherwise.
    public static func expected(idl: Double, ig1: Double, ig2: Double, pulseWidth: Double,
                                quadrants: [Quadrant]) -> InjectionExpectation {
        let predicted: Double?
        if pulseWidth < 10 { predicted = 0 }
        else if idl < ig1 + 7.5 { predicted = 600 + max(0, ig2 - ig1) * 6000 }
        else { predicted = nil }
        guard let level = predicted else {
            return InjectionExpectation(quadrants: quadrants, predicted: nil,
                                        median: -10...(1.01 * 65536), spread: 0...1e4)
        }
        return InjectionExpectation(quadrants: quadrants, predicted: level,
                                    median: (level * 0.5)...(level * 1.5),
                                    spread: (level * 0.3 * 0.1)...(level * 0.3 * 1.5))
    }
}

import CGSL
import Foundation

/// Special functions needed by the calibration models.
///
/// ```swift
/// SpecialFunctions.expintEi(-1)   // −0.21938393439552..., scipy.special.expi(-1)
/// SpecialFunctions.expit(0)       // 0.5, scipy.special.expit
/// ```
public enum SpecialFunctions {
    /// The exponential integral Ei(x) = −PV∫_{−x}^∞ e^(−t)/t dt (gsl_sf_expint_Ei), used by the
    /// Guyonnet et al. (2015) smooth boundary-displacement model a = p0·Ei(p1·r)·cos θ.
    /// NaN at x = 0 (the logarithmic singularity) and on overflow, as scipy.special.expi
    /// gives −inf / inf there; callers in a fit want a value that fails loudly.
    public static func expintEi(_ x: Double) -> Double {
        _ = GSL.errorHandlerOff
        var result = gsl_sf_result()
        let status = gsl_sf_expint_Ei_e(x, &result)
        return status == GSL_SUCCESS ? result.val : .nan
    }

    /// The logistic sigmoid 1/(1 + e^(−x)), computed without overflow for large |x|
    /// (the CHINJ injection-profile models are built from it).
    public static func expit(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + exp(-x)) }
        let e = exp(x)
        return e / (1 + e)
    }

    /// The inverse of `expit`, log(p/(1 − p)).
    public static func logit(_ p: Double) -> Double { log(p / (1 - p)) }
}

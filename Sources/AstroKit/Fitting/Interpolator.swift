import CGSL

/// 1-D interpolation through tabulated points, on GSL's gsl_interp.
///
/// * `.linear`: straight segments.
/// * `.naturalCubicSpline`: C² cubic spline with zero second derivative at both ends
///   (scipy `CubicSpline(x, y, bc_type='natural')`). Note that scipy's `interp1d(kind='cubic')`
///   — used by vison for the shutter tables — is a not-a-knot spline; the two agree in the
///   interior to the extent the table's ends are straight.
/// * `.monotoneCubic`: Steffen's (1990) monotone cubic (gsl_interp_steffen). Like PCHIP it
///   never overshoots between points and keeps monotone data monotone; its derivative
///   estimates are Steffen's, so values differ slightly from scipy's PchipInterpolator.
///
/// ```swift
/// let shutter = try Interpolator(x: commanded, y: actual, method: .naturalCubicSpline)
/// let t = try shutter(1.3)              // throws outside [x.first, x.last]
/// let ts = try shutter.evaluate([0.1, 15])
/// ```
///
/// The GSL state is built once and only read afterwards; each evaluation uses its own
/// accelerator (or none), so one interpolator can be shared between tasks.
public final class Interpolator: @unchecked Sendable {
    public enum Method: Sendable, Hashable { case linear, naturalCubicSpline, monotoneCubic }

    public let x: [Double]
    public let y: [Double]
    public let method: Method
    private let interp: UnsafeMutablePointer<gsl_interp>

    /// `x` must be strictly increasing; linear needs 2 points, the cubics 3.
    public init(x: [Double], y: [Double], method: Method) throws {
        guard x.count == y.count else { throw FitError.lengthMismatch }
        _ = GSL.errorHandlerOff
        let type = switch method {
        case .linear: astrokit_interp_linear()
        case .naturalCubicSpline: astrokit_interp_cspline()
        case .monotoneCubic: astrokit_interp_steffen()
        }
        let needed = Int(gsl_interp_type_min_size(type))
        guard x.count >= needed else { throw FitError.tooFewPoints(needed: needed, got: x.count) }
        guard zip(x, x.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw FitError.invalidArgument("interpolation abscissae must be strictly increasing")
        }
        guard let interp = gsl_interp_alloc(type, x.count) else {
            throw FitError.invalidArgument("cannot allocate an interpolator for \(x.count) points")
        }
        self.x = x
        self.y = y
        self.method = method
        self.interp = interp
        let status = x.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb in gsl_interp_init(interp, xb.baseAddress, yb.baseAddress, x.count) }
        }
        if status != GSL_SUCCESS {
            gsl_interp_free(interp)
            try GSL.check(status)
        }
    }

    deinit { gsl_interp_free(interp) }

    private typealias Evaluation = (UnsafePointer<gsl_interp>?, UnsafePointer<Double>?, UnsafePointer<Double>?, Double,
                                    UnsafeMutablePointer<gsl_interp_accel>?, UnsafeMutablePointer<Double>?) -> Int32

    /// Runs a GSL evaluation (value or derivative) at t, refusing points outside the nodes.
    private func evaluate(_ t: Double, _ accel: UnsafeMutablePointer<gsl_interp_accel>?,
                          _ evaluation: Evaluation) throws -> Double {
        guard t >= x[0] && t <= x[x.count - 1] else {
            throw FitError.invalidArgument("\(t) outside the interpolation range [\(x[0]), \(x[x.count - 1])]")
        }
        var result = 0.0
        let status = x.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb in
                evaluation(interp, xb.baseAddress, yb.baseAddress, t, accel, &result)
            }
        }
        try GSL.check(status)
        return result
    }

    private func value(_ t: Double, _ accel: UnsafeMutablePointer<gsl_interp_accel>?) throws -> Double {
        try evaluate(t, accel, gsl_interp_eval_e)
    }

    public func callAsFunction(_ t: Double) throws -> Double { try value(t, nil) }

    /// Many points; an accelerator caches the last interval, so sorted queries cost O(1) each.
    public func evaluate(_ ts: [Double]) throws -> [Double] {
        guard let accel = gsl_interp_accel_alloc() else {
            throw FitError.invalidArgument("cannot allocate an interpolation accelerator")
        }
        defer { gsl_interp_accel_free(accel) }
        return try ts.map { try value($0, accel) }
    }

    /// dy/dx at t.
    public func derivative(_ t: Double) throws -> Double {
        try evaluate(t, nil, gsl_interp_eval_deriv_e)
    }
}

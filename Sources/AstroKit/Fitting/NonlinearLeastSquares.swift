import CGSL
import Foundation

/// Bounded non-linear least squares, min Σ ((model(xᵢ; p) − yᵢ)/σᵢ)², with GSL's
/// gsl_multifit_nlinear trust-region solver (Levenberg–Marquardt by default; central
/// finite-difference Jacobian) and bounds through `ParameterBound`'s transforms. It plays the
/// role of scipy's curve_fit with bounds (NL02's A·exp(−(x−x0)/s) + P4(x), the CHINJ expit
/// profiles, trap-pumping dipoles).
///
/// ```swift
/// let nl = NonlinearLeastSquares()
/// let fit = try nl.fit(x: flu, y: nlPercent, initial: [1, 0.01, 0.05, 0, 0, 0, 0, 0],
///                      bounds: [ParameterBound(-20...20), ParameterBound(10.0/65536...30000.0/65536),
///                               ParameterBound(1e-5...1)] + Array(repeating: ParameterBound(-500...500), count: 5)) { x, p in
///     p[0] * exp(-(x - p[1]) / p[2]) + p[3] + x * (p[4] + x * (p[5] + x * (p[6] + x * p[7])))
/// }
/// fit.parameters; fit.standardErrors; fit.converged
/// ```
public struct NonlinearLeastSquares: Sendable {
    public enum Method: Sendable, Hashable {
        case levenbergMarquardt, levenbergMarquardtAccelerated, dogleg, doubleDogleg, subspace2D
    }

    public var method: Method = .levenbergMarquardt
    public var maxIterations = 500
    /// GSL's test: relative step size below xtol, or scaled gradient below gtol, or
    /// relative change of the residual vector below ftol.
    public var xtol = 1e-12
    public var gtol = 1e-12
    public var ftol = 0.0
    /// false: covariance scaled by χ²/(n − p_free) (scipy curve_fit's default,
    /// absolute_sigma=False); true: σ are absolute.
    public var absoluteSigma = false

    public init() {}

    public enum Termination: Sendable, Hashable {
        /// Converged: the step became small (GSL info 1) or the gradient vanished (info 2).
        case smallStep, smallGradient
        /// GSL could not reduce χ² any further (GSL_ENOPROG). Common at an exact fit.
        case noProgress
        case maxIterations
    }

    public struct Result: Sendable, Hashable {
        /// All parameters, fixed ones included, in the caller's order.
        public var parameters: [Double]
        /// Full covariance; rows and columns of fixed parameters are zero.
        public var covariance: [[Double]]
        public var chi2: Double
        public var degreesOfFreedom: Int
        public var iterations: Int
        public var termination: Termination
        /// Parameters that ended within 1e-6 of the range of a bound.
        public var atBound: [Bool]

        public var standardErrors: [Double] { covariance.indices.map { covariance[$0][$0].squareRoot() } }
        /// smallStep, smallGradient or noProgress with a finite χ².
        public var converged: Bool {
            termination != .maxIterations && chi2.isFinite
        }
    }

    public func fit(x: [Double], y: [Double], sigma: [Double]? = nil, initial: [Double],
                    bounds: [ParameterBound]? = nil,
                    model: (Double, [Double]) -> Double) throws -> Result {
        guard x.count == y.count, sigma == nil || sigma!.count == x.count else {
            throw FitError.lengthMismatch
        }
        let bounds = bounds ?? Array(repeating: .unbounded, count: initial.count)
        guard bounds.count == initial.count else {
            throw FitError.invalidArgument("\(bounds.count) bounds for \(initial.count) parameters")
        }
        for (k, (p, b)) in zip(initial, bounds).enumerated() where !b.contains(p) {
            throw FitError.invalidArgument("initial parameter \(k) = \(p) outside [\(b.lower), \(b.upper)]")
        }
        let free = initial.indices.filter { !bounds[$0].isFixed }
        let n = x.count
        guard n > free.count else { throw FitError.tooFewPoints(needed: free.count + 1, got: n) }
        let inverseSigma = sigma.map { $0.map { 1 / $0 } } ?? Array(repeating: 1, count: n)

        if free.isEmpty {
            // Nothing to solve: report the model as given.
            let chi2 = zip(x, zip(y, inverseSigma)).reduce(0.0) { acc, point in
                let r = (model(point.0, initial) - point.1.0) * point.1.1
                return acc + r * r
            }
            let zero = [[Double]](repeating: [Double](repeating: 0, count: initial.count), count: initial.count)
            return Result(parameters: initial, covariance: zero, chi2: chi2, degreesOfFreedom: n, iterations: 0,
                          termination: .smallStep, atBound: Array(repeating: false, count: initial.count))
        }
        return try withoutActuallyEscaping(model) { model in
            let problem = NLProblem(x: x, y: y, inverseSigma: inverseSigma, start: initial,
                                    bounds: bounds, free: free, model: model)
            return try solve(problem)
        }
    }

    private func solve(_ problem: NLProblem) throws -> Result {
        _ = GSL.errorHandlerOff
        let n = problem.x.count, pFree = problem.free.count
        var fdf = gsl_multifit_nlinear_fdf()
        fdf.f = { u, params, out in
            let problem = Unmanaged<NLProblem>.fromOpaque(params!).takeUnretainedValue()
            problem.residuals(internal: u!, into: out!)
            return 0
        }
        fdf.df = nil    // finite differences, set below to central
        fdf.fvv = nil
        fdf.n = n
        fdf.p = pFree
        fdf.params = Unmanaged.passUnretained(problem).toOpaque()

        var settings = gsl_multifit_nlinear_default_parameters()
        settings.fdtype = GSL_MULTIFIT_NLINEAR_CTRDIFF
        settings.trs = switch method {
        case .levenbergMarquardt: astrokit_trs_lm()
        case .levenbergMarquardtAccelerated: astrokit_trs_lmaccel()
        case .dogleg: astrokit_trs_dogleg()
        case .doubleDogleg: astrokit_trs_ddogleg()
        case .subspace2D: astrokit_trs_subspace2D()
        }
        guard let work = gsl_multifit_nlinear_alloc(astrokit_nlinear_trust(), &settings, n, pFree) else {
            throw FitError.invalidArgument("cannot allocate a non-linear workspace for \(n)x\(pFree)")
        }
        defer { gsl_multifit_nlinear_free(work) }
        let u0 = GSLVector(problem.free.map { problem.bounds[$0].internal(problem.start[$0]) })
        try GSL.check(gsl_multifit_nlinear_init(u0.pointer, &fdf, work))
        var info: Int32 = 0
        let status = gsl_multifit_nlinear_driver(maxIterations, xtol, gtol, ftol, nil, nil, &info, work)
        let termination: Termination
        switch Int(status) {
        case GSL_SUCCESS: termination = info == 2 ? .smallGradient : .smallStep
        case GSL_ENOPROG: termination = .noProgress
        case GSL_EMAXITER: termination = .maxIterations
        default: try GSL.check(status); termination = .smallStep
        }
        let u = gsl_multifit_nlinear_position(work)!
        let parameters = problem.external(internal: u)
        let chi2 = problem.chi2(parameters)
        let dof = n - pFree
        var covariance = try problem.covariance(at: parameters)
        let scale = absoluteSigma ? 1 : chi2 / Double(dof)
        covariance = covariance.map { $0.map { $0 * scale } }
        let atBound = parameters.indices.map { k -> Bool in
            let b = problem.bounds[k]
            guard !b.isFixed else { return false }
            let tol = 1e-6 * (b.upper.isFinite && b.lower.isFinite ? b.upper - b.lower : max(abs(parameters[k]), 1))
            return abs(parameters[k] - b.lower) <= tol || abs(parameters[k] - b.upper) <= tol
        }
        return Result(parameters: parameters, covariance: covariance, chi2: chi2, degreesOfFreedom: dof,
                      iterations: Int(gsl_multifit_nlinear_niter(work)), termination: termination,
                      atBound: atBound)
    }
}

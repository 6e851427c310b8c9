import CGSL

/// The data, model and parameter mapping of one `NonlinearLeastSquares` call, handed to the
/// GSL residual callback through its `void *params`. Lives only for the duration of the call.
final class NLProblem {
    let x: [Double]
    let y: [Double]
    let inverseSigma: [Double]
    let start: [Double]
    let bounds: [ParameterBound]
    /// Indices of the parameters the solver moves.
    let free: [Int]
    let model: (Double, [Double]) -> Double
    /// Reused parameter vector, so a residual evaluation allocates nothing.
    private var scratch: [Double]

    init(x: [Double], y: [Double], inverseSigma: [Double], start: [Double], bounds: [ParameterBound],
         free: [Int], model: @escaping (Double, [Double]) -> Double) {
        self.x = x
        self.y = y
        self.inverseSigma = inverseSigma
        self.start = start
        self.bounds = bounds
        self.free = free
        self.model = model
        scratch = start
    }

    /// The full external parameter vector for internal (solver) variables u.
    func external(internal u: UnsafePointer<gsl_vector>) -> [Double] {
        var p = start
        for (k, index) in free.enumerated() { p[index] = bounds[index].external(gsl_vector_get(u, k)) }
        return p
    }

    func residuals(internal u: UnsafePointer<gsl_vector>, into out: UnsafeMutablePointer<gsl_vector>) {
        for (k, index) in free.enumerated() { scratch[index] = bounds[index].external(gsl_vector_get(u, k)) }
        let p = scratch
        for i in 0..<x.count { gsl_vector_set(out, i, (model(x[i], p) - y[i]) * inverseSigma[i]) }
    }

    func chi2(_ p: [Double]) -> Double {
        var s = 0.0
        for i in 0..<x.count {
            let r = (model(x[i], p) - y[i]) * inverseSigma[i]
            s += r * r
        }
        return s
    }

    /// (JᵀJ)⁻¹ with J = ∂rᵢ/∂p_free by central differences in the external parameters,
    /// inverted through the SVD of J with scipy curve_fit's cut: singular values below
    /// ε·max(n, p)·s_max are dropped (a degenerate direction gets no variance instead of a
    /// huge one). Rows and columns of fixed parameters stay zero.
    func covariance(at p: [Double]) throws -> [[Double]] {
        let n = x.count, m = free.count
        var full = [[Double]](repeating: [Double](repeating: 0, count: p.count), count: p.count)
        guard m > 0 else { return full }
        let jac = GSLMatrix(rows: n, columns: m)
        for (k, index) in free.enumerated() {
            // ε^(1/3) is the step that balances truncation and rounding for central differences.
            let h = 6.055454452393343e-06 * max(abs(p[index]), 1e-3)
            var plus = p, minus = p
            plus[index] += h
            minus[index] -= h
            for i in 0..<n {
                jac[i, k] = (model(x[i], plus) - model(x[i], minus)) / (2 * h) * inverseSigma[i]
            }
        }
        let v = GSLMatrix(rows: m, columns: m)
        let s = GSLVector(count: m)
        let work = GSLVector(count: m)
        try GSL.check(gsl_linalg_SV_decomp(jac.pointer, v.pointer, s.pointer, work.pointer))
        let cut = Double.ulpOfOne * Double(max(n, m)) * s[0]
        for a in 0..<m {
            for b in 0..<m {
                var sum = 0.0
                for k in 0..<m where s[k] > cut { sum += v[a, k] * v[b, k] / (s[k] * s[k]) }
                full[free[a]][free[b]] = sum
            }
        }
        return full
    }
}

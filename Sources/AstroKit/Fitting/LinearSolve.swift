import CGSL

/// Dense square linear systems, by GSL's LU decomposition with partial pivoting (what
/// numpy.linalg.solve does through LAPACK's gesv). Used for the Guyonnet et al. (2015)
/// boundary-displacement coefficients of the brighter-fatter analysis.
///
/// ```swift
/// let a = try LinearSolve.solve([[4, -2], [3, 6]], [1, 2])   // A·a = b
/// ```
public enum LinearSolve {
    /// Solves A·x = b for square A given as rows. Throws `FitError.gsl` for a singular A.
    public static func solve(_ a: [[Double]], _ b: [Double]) throws -> [Double] {
        let n = b.count
        guard a.count == n, a.allSatisfy({ $0.count == n }) else { throw FitError.lengthMismatch }
        guard n > 0 else { return [] }
        let m = GSLMatrix(rows: n, columns: n)
        for i in 0..<n { for j in 0..<n { m[i, j] = a[i][j] } }
        let rhs = GSLVector(b)
        let x = GSLVector(count: n)
        guard let perm = gsl_permutation_alloc(n) else {
            throw FitError.invalidArgument("cannot allocate a permutation of \(n)")
        }
        defer { gsl_permutation_free(perm) }
        var sign: Int32 = 0
        try GSL.check(gsl_linalg_LU_decomp(m.pointer, perm, &sign))
        // LU_decomp accepts a singular matrix; LU_solve refuses it (GSL_EDOM), which surfaces here.
        try GSL.check(gsl_linalg_LU_solve(m.pointer, perm, rhs.pointer, x.pointer))
        return x.array
    }
}

import Foundation

/// The mapping between a bounded fit parameter p and the unbounded variable u that GSL's
/// (unconstrained) trust-region solver moves. These are MINUIT's transforms:
/// * both bounds [a, b]: p = a + (b − a)(sin u + 1)/2 — smooth, periodic, so the solver can
///   never step outside, and a parameter can sit exactly on a bound (u = ±π/2);
/// * lower bound a only: p = a − 1 + √(u² + 1);
/// * upper bound b only: p = b + 1 − √(u² + 1);
/// * no bound: p = u;
/// * a == b: the parameter is fixed and removed from the solver's vector.
///
/// The transform only steers the search. Covariances are computed afterwards from the
/// Jacobian with respect to p itself (see `NonlinearLeastSquares`), so dp/du → 0 at a bound
/// does not produce meaningless zero errors.
///
/// ```swift
/// let b = ParameterBound(1e-5...1)
/// b.external(b.internal(0.05))   // 0.05
/// ```
public struct ParameterBound: Sendable, Hashable {
    public var lower: Double
    public var upper: Double

    public init(_ range: ClosedRange<Double>) {
        lower = range.lowerBound
        upper = range.upperBound
    }

    public static let unbounded = ParameterBound(-Double.infinity...Double.infinity)

    public var isFixed: Bool { lower == upper }

    public func contains(_ p: Double) -> Bool { p >= lower && p <= upper }

    /// p(u).
    public func external(_ u: Double) -> Double {
        switch (lower.isFinite, upper.isFinite) {
        case (true, true): return lower + (upper - lower) * (sin(u) + 1) / 2
        case (true, false): return lower - 1 + (u * u + 1).squareRoot()
        case (false, true): return upper + 1 - (u * u + 1).squareRoot()
        case (false, false): return u
        }
    }

    /// u(p), for p inside the bounds. On a bound dp/du = 0, so the solver would see a zero
    /// Jacobian column and never move the parameter: a start on a two-sided bound is moved
    /// inside by 1e-6 of the range, one on a one-sided bound by 5e-7 (u = 1e-3).
    public func `internal`(_ p: Double) -> Double {
        switch (lower.isFinite, upper.isFinite) {
        case (true, true):
            let margin = 1e-6 * (upper - lower)
            let q = min(max(p, lower + margin), upper - margin)
            return asin(2 * (q - lower) / (upper - lower) - 1)
        case (true, false):
            let d = p - lower + 1
            return (max(d * d - 1, 1e-6)).squareRoot()
        case (false, true):
            let d = upper - p + 1
            return (max(d * d - 1, 1e-6)).squareRoot()
        case (false, false):
            return p
        }
    }
}

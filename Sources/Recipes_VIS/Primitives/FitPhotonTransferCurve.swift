import AstroKit
import Config_VIS
import Foundation

/// Fits the photon transfer curve of every CCD and quadrant (VIS.md 3.3.4 meta,
/// ``PhotonTransferFit``): smear pruning, a robust first pass, then var = p2·μ² + p1·μ + p0 on
/// `low` ≤ μ ≤ `high`, pooling every tile of every accepted pair. gain = 1/p1 e-/ADU with
/// gain_err = σ(p1)/p1² ([quirk] vison: σ(p1)/gain²), alpha = −p2 (vison's sign), intercept = p0
/// (ADU²). Ledger table `ptc_fit` (keys `ccd`, `quadrant`): `gain`, `gain_err`, `alpha`,
/// `intercept`, `fit_p2`, `fit_p1`, `fit_p0`, `npoints`, `quality` (``PTCQuality`` bits). The
/// points of the final fit are marked used in ``PhotonTransferPoints``. A fit with a quality
/// bit set raises PTC_QUALITY naming the CCD, quadrant and bits.
public struct FitPhotonTransferCurve: Primitive {
    public let name = "fitPhotonTransferCurve"
    public let summary = "Robust quadratic fit of each quadrant's PTC: gain, gain error, alpha, intercept, fit quality"
    public let parameters: [ParameterDeclaration] = [
        .real("low", default: 1_000, range: 0...65_536, doc: "Lowest tile mean fitted (ADU)"),
        .real("high", default: 40_000, range: 0...65_536, doc: "Highest tile mean fitted (ADU)"),
        .real("rejection", default: 5, range: 1...100, doc: "Outlier threshold of the robust passes (sampling sigmas of a tile variance)"),
        .real("smearLimit", default: 0.1, range: 0...10, doc: "Smear pruning: largest spread of var/mean within one of 49 bins over 0.5..1 x 2^16 ADU"),
    ]
    public init() {}
    public static let table = "ptc_fit"

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        let low = try parameters.double("low"), high = try parameters.double("high")
        guard low < high else { throw VISStepError("fitPhotonTransferCurve: low (\(low)) must be below high (\(high))") }
        var fitter = PhotonTransferFit()
        fitter.range = low...high
        fitter.rejection = try parameters.double("rejection")
        fitter.smearLimit = try parameters.double("smearLimit")
        var store = try PhotonTransferPoints.load(context)
        guard !store.entries.isEmpty else { throw VISStepError("fitPhotonTransferCurve: no PTC points; measurePhotonTransfer must run first") }
        var problems: [String] = []
        for i in store.entries.indices { store.entries[i].used = false }
        for ccd in store.ccds {
            for q in Quadrant.allCases {
                let points = store.fittable(ccd: ccd, quadrant: q)
                let fit = fitter.fit(points, quadrant: q)
                let used = fit.quality.contains(.fitFailed) ? [] : Self.usedPoints(points, fit: fit, fitter: fitter)
                for i in store.entries.indices where store.entries[i].ccd == ccd && !store.entries[i].pairRejected
                    && used.contains(Self.identity(store.entries[i].point)) {
                    store.entries[i].used = true
                }
                let p = fit.coefficients
                context.ledger.record(Self.table, keys: ["ccd": String(ccd), "quadrant": q.rawValue], values: [
                    "gain": fit.gain, "gain_err": fit.gainError, "alpha": fit.alpha, "intercept": fit.intercept,
                    "fit_p2": p[0], "fit_p1": p[1], "fit_p0": p[2], "npoints": Double(fit.npoints),
                    "quality": Double(fit.quality.rawValue), "sigma_p2": fit.covariance[0][0].squareRoot(),
                ])
                if !fit.quality.isEmpty {
                    problems.append("CCD\(ccd) \(q.rawValue): \(fit.quality.names.joined(separator: ", ")) (\(points.count) points, \(fit.npoints) fitted)")
                }
            }
        }
        try store.save(context)
        if !problems.isEmpty {
            context.flags["PTC_QUALITY"] = (context.flags["PTC_QUALITY"].map { $0 + "; " } ?? "") + problems.joined(separator: "; ")
            context.log.warning("PTC_QUALITY: \(problems.joined(separator: "; "))")
        }
    }

    static func identity(_ p: PTCPoint) -> String { "\(p.quadrant.rawValue)/\(p.pair)/\(p.tile)" }

    /// The points of the final fit: not pruned as smear, in range, and within the rejection
    /// threshold of the fitted curve (the fixed point of the fit's rejection loop).
    static func usedPoints(_ points: [PTCPoint], fit: PTCFitResult, fitter: PhotonTransferFit) -> Set<String> {
        let sorted = points.filter { $0.mean.isFinite && $0.variance.isFinite }
            .sorted { ($0.mean, $0.pair, $0.tile) < ($1.mean, $1.pair, $1.tile) }
        var used = Set<String>()
        for p in fitter.pruneSmear(sorted) where fitter.range.contains(p.mean) {
            let pred = fit.variance(at: p.mean)
            if pred > 0 && abs(p.variance - pred) < fitter.rejection * PhotonTransferFit.sigma(pred, pixels: p.pixels) {
                used.insert(identity(p))
            }
        }
        return used
    }
}

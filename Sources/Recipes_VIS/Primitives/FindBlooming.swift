import AstroKit
import Config_VIS
import Foundation

/// Finds where each quadrant's photon transfer curve collapses (VIS.md 3.3.4 step 7,
/// ``Blooming``): residuals from the fitted curve (``FitPhotonTransferCurve``) in units of the
/// sampling error of each tile variance; the onset is the mean of the first point above `from`
/// that starts a run of `count` points below −`threshold` × MAD, the points sorted by mean
/// ([quirk] vison scans them in acquisition order). Records `bloom_adu` (negative: not reached,
/// minus the highest mean measured, a lower limit) and `bloom_e` (× gain) in ledger table
/// `ptc_fit`. With bad pixels masked (vison's prep), tiles that clip at the ADC are dropped
/// before the fit, so a detector whose full well is the ADC range shows no blooming here.
public struct FindBlooming: Primitive {
    public let name = "findBlooming"
    public let summary = "Blooming onset of each quadrant's PTC (first run of collapsed variances above 30000 ADU)"
    public let parameters: [ParameterDeclaration] = [
        .integer("count", default: 5, range: 1...100, doc: "Consecutive collapsed points that make the onset"),
        .real("threshold", default: 10, range: 0...1000, doc: "A point has collapsed below -threshold x MAD of the normalised residuals"),
        .real("from", default: 30_000, range: 0...65_536, doc: "The onset is searched above this mean (ADU)"),
    ]
    public init() {}

    public func run(_ context: ReductionContext, _ parameters: ParameterValues) throws {
        var bloom = Blooming(count: try parameters.int("count"))
        bloom.threshold = try parameters.double("threshold")
        bloom.searchFrom = try parameters.double("from")
        let store = try PhotonTransferPoints.load(context)
        let fits = context.ledger.rows(FitPhotonTransferCurve.table)
        guard !fits.isEmpty else { throw VISStepError("findBlooming: no PTC fit; fitPhotonTransferCurve must run first") }
        for row in fits {
            guard let ccdText = row.keys["ccd"], let ccd = Int(ccdText), let q = Quadrant(rawValue: row.keys["quadrant"] ?? "") else { continue }
            let p2 = row.values["fit_p2"] ?? .nan, p1 = row.values["fit_p1"] ?? .nan, p0 = row.values["fit_p0"] ?? .nan
            var onset = Double.nan
            if p1.isFinite && p2.isFinite && p0.isFinite {
                onset = bloom.find(store.fittable(ccd: ccd, quadrant: q), model: { (p2 * $0 + p1) * $0 + p0 })
            }
            context.ledger.record(FitPhotonTransferCurve.table, keys: row.keys,
                                  values: ["bloom_adu": onset, "bloom_e": onset * (row.values["gain"] ?? .nan)])
        }
    }
}

import AstroKit
import Config_VIS
import Foundation

/// The photon-transfer points of a run (every CCD, quadrant, pair and tile), kept in the
/// context's checkpointed settings (JSON under "VIS_PTC"), not in the ledger: a full PTC01 has
/// ~20 000 of them, which the ledger's keyed rows would store and search far more slowly.
/// `used` is set by ``FitPhotonTransferCurve``: the point entered the final quadratic fit.
public struct PhotonTransferPoints: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var ccd: Int
        public var point: PTCPoint
        /// The pair failed its fluence check (``PairFrames``): never fitted.
        public var pairRejected: Bool
        public var used: Bool
    }

    public var entries: [Entry] = []
    /// The tile size measured (pixels per side) and the number of tiles per quadrant.
    public var tileSize = 0
    public var tiles = 0

    static let key = "VIS_PTC"
    /// What the PTC results are, for `<TEST>_results.json`.
    public static let estimator = "per tile (vison's 301x301 tiling), median(A) and var(A-B)/2 of prepared pairs (bad pixels masked, per-row prescan median subtracted); fit var = p2 mu^2 + p1 mu + p0 (fit = [p2, p1, p0]) on 1e3..4e4 ADU after a robust pass, weighted by the sampling error of each tile variance; gain = 1/p1, gain_err = sigma(p1)/p1^2, alpha = -p2, intercept = p0"

    public static func load(_ context: ReductionContext) throws -> PhotonTransferPoints {
        guard let text = context.settings[key] else { return PhotonTransferPoints() }
        return try JSONDecoder().decode(PhotonTransferPoints.self, from: Data(text.utf8))
    }

    public func save(_ context: ReductionContext) throws {
        context.settings[Self.key] = String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }

    /// The points a fit of one CCD and quadrant may use: pairs that passed their check.
    public func fittable(ccd: Int, quadrant: Quadrant) -> [PTCPoint] {
        entries.filter { $0.ccd == ccd && $0.point.quadrant == quadrant && !$0.pairRejected }.map(\.point)
    }

    public var ccds: [Int] { Set(entries.map(\.ccd)).sorted() }
}

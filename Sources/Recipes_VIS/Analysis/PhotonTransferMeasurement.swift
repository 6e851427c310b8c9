import AstroKit
import Config_VIS
import Dispatch

/// One point of a photon transfer curve: one tile of one quadrant in one pair of flats.
public struct PTCPoint: Sendable, Hashable, Codable {
    /// median(A) over the tile, offset-subtracted, ADU.
    public var mean: Double
    /// var(A − B)/2 over the tile (ddof 0, as numpy's std²), ADU².
    public var variance: Double
    public var quadrant: Quadrant
    /// Index into the tiling's `sections` (x fastest, canonical coordinates).
    public var tile: Int
    /// The caller's pair identifier (vison: the ObsID of A).
    public var pair: Int
    /// Pixels valid in both frames: the sampling error of `variance` is variance·√(2/(pixels−1)).
    public var pixels: Int

    public init(mean: Double, variance: Double, quadrant: Quadrant, tile: Int, pair: Int, pixels: Int) {
        self.mean = mean; self.variance = variance; self.quadrant = quadrant
        self.tile = tile; self.pair = pair; self.pixels = pixels
    }
}

/// Whether the two frames of a pair saw the same light.
public struct PairCheck: Sendable, Hashable, Codable {
    /// Mean over the quadrants given of the image-area median above the prescan, ADU.
    public var fluenceA: Double
    public var fluenceB: Double
    /// |f_A − f_B| / mean(f_A, f_B).
    public var relativeDifference: Double
    /// True when `relativeDifference` exceeds the limit: the pair must not enter the fit.
    public var rejected: Bool
}

/// The points of one pair of flats, with the pair's check. Rejected pairs keep their points
/// (for inspection and the points table) and are flagged, never dropped silently.
public struct PTCPairMeasurement: Sendable, Codable {
    public var pair: Int
    public var check: PairCheck
    public var points: [PTCPoint]
}

/// PTC extraction (VIS.md 3.3.4 extract_PTC): per pair, quadrant and tile, median(A) and
/// var(A − B)/2, mask-aware, no clipping.
///
/// ```swift
/// let tiling = PhotonTransfer.standardTiling(g)              // 36 tiles of 301x301
/// let m = PhotonTransfer.measurePair(a: quadsA, b: quadsB, pair: obsidA, tiling: tiling)
/// if !m.check.rejected { points += m.points }
/// ```
public enum PhotonTransfer {
    /// vison's pair rejection threshold. vison tests std(f1, f2)/mean(f1, f2) > 0.1, which is
    /// |f1 − f2|/(f1 + f2) > 0.1, i.e. it only rejects frames ~20 % apart; the campaign's
    /// requirement (issue 6) is a 10 % difference, so the test here is |f1 − f2|/mean > 0.1.
    public static let pairRejectionLimit = 0.10

    /// vison's tiling (get_tile_coos, wpx = hpx = 300): 6×6 tiles of 301×301 on a full quadrant.
    /// Tiles are laid out in canonical coordinates, so the ~250 uncovered columns and rows are
    /// always the ones farthest from the readout node (vison lays them out in display
    /// coordinates; per-tile statistics are the same).
    public static func standardTiling(_ g: VISGeometry, size: Int = 300) -> Tiling {
        Tiling.vison(imageArea: Section(x0: g.prescanColumns, x1: g.prescanColumns + g.imageColumns,
                                        y0: 0, y1: g.imageRows), wpx: size, hpx: size)
    }

    /// Fluence of a prepared quadrant: median of the image area (above the prescan).
    public static func fluence(_ q: PreparedQuadrant) -> Double {
        q.samples(q.imageArea).median
    }

    public static func checkPair(fluenceA: Double, fluenceB: Double, limit: Double = pairRejectionLimit) -> PairCheck {
        let mean = (fluenceA + fluenceB) / 2
        let difference = abs(fluenceA - fluenceB) / mean
        // NaN (no valid pixels) or a non-positive mean cannot be trusted either.
        let rejected = !(difference <= limit) || !(mean > 0)
        return PairCheck(fluenceA: fluenceA, fluenceB: fluenceB, relativeDifference: difference, rejected: rejected)
    }

    /// Measures every quadrant present in both `a` and `b` (same geometry) and checks the pair
    /// on the mean fluence of those quadrants (vison averages over CCDs and quadrants).
    public static func measurePair(a: [Quadrant: PreparedQuadrant], b: [Quadrant: PreparedQuadrant], pair: Int,
                                   tiling: Tiling, limit: Double = pairRejectionLimit) -> PTCPairMeasurement {
        let quadrants = Quadrant.allCases.filter { a[$0] != nil && b[$0] != nil }
        let fa = quadrants.map { fluence(a[$0]!) }, fb = quadrants.map { fluence(b[$0]!) }
        let check = checkPair(fluenceA: fa.reduce(0, +) / Double(max(fa.count, 1)),
                              fluenceB: fb.reduce(0, +) / Double(max(fb.count, 1)), limit: limit)
        let points = quadrants.flatMap { measure(a[$0]!, b[$0]!, quadrant: $0, pair: pair, tiling: tiling) }
        return PTCPairMeasurement(pair: pair, check: check, points: points)
    }

    /// The tile points of one quadrant pair. Tiles run in parallel, each with its own scratch
    /// buffer (one allocation per tile, none per pixel). A tile with fewer than
    /// `minimumValidFraction` of its pixels valid in both frames gives no point: when most of a
    /// tile is masked (saturation marked as bad pixels), the rest is no sample of its signal.
    public static func measure(_ a: PreparedQuadrant, _ b: PreparedQuadrant, quadrant: Quadrant, pair: Int,
                               tiling: Tiling, minimumValidFraction: Double = 0.5) -> [PTCPoint] {
        precondition(a.pixels.shape == b.pixels.shape, "the two frames of a pair differ in shape")
        let tiles = tiling.sections
        var results = [(median: Double, variance: Double, count: Int)](repeating: (.nan, .nan, 0), count: tiles.count)
        results.withUnsafeMutableBufferPointer { out in
            let shared = PTCTileResultsPointer(out.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: tiles.count) { t in
                var scratch = HalfADUMedian.Scratch()
                let median = HalfADUMedian.median(a, tiles[t], scratch: &scratch)
                let (variance, count) = halfDifferenceVariance(a, b, tiles[t])
                shared.value[t] = (median, variance, count)
            }
        }
        return results.enumerated().compactMap { t, r in
            guard r.count > 1, Double(r.count) >= minimumValidFraction * Double(tiles[t].area),
                  r.median.isFinite, r.variance.isFinite else { return nil }
            return PTCPoint(mean: r.median, variance: r.variance, quadrant: quadrant, tile: t, pair: pair, pixels: r.count)
        }
    }

    /// var(A − B)/2 over pixels valid in both frames, one pass in Double (no difference image):
    /// sums of d − c, with c the mean difference of the tile's first row, so that the mean
    /// removed at the end is small beside the spread and nothing cancels.
    static func halfDifferenceVariance(_ a: PreparedQuadrant, _ b: PreparedQuadrant, _ s: Section) -> (Double, Int) {
        let w = a.pixels.width
        return a.pixels.values.withUnsafeBufferPointer { av in
            b.pixels.values.withUnsafeBufferPointer { bv in
                let ma = a.mask?.values, mb = b.mask?.values
                func sums(rows: Range<Int>, shift: Double) -> (n: Int, s1: Double, s2: Double) {
                    var n = 0, s1 = 0.0, s2 = 0.0
                    for y in rows {
                        let row = y * w
                        for i in (row + s.x0)..<(row + s.x1) {
                            if let ma, ma[i] != 0 { continue }
                            if let mb, mb[i] != 0 { continue }
                            let d = Double(av[i]) - Double(bv[i])
                            guard d.isFinite else { continue }
                            let e = d - shift
                            n += 1; s1 += e; s2 += e * e
                        }
                    }
                    return (n, s1, s2)
                }
                let first = sums(rows: s.y0..<min(s.y1, s.y0 + 1), shift: 0)
                let shift = first.n > 0 ? first.s1 / Double(first.n) : 0
                let all = sums(rows: s.y0..<s.y1, shift: shift)
                guard all.n > 0 else { return (.nan, 0) }
                let m = all.s1 / Double(all.n)
                return (max(0, all.s2 / Double(all.n) - m * m) / 2, all.n)
            }
        }
    }
}

/// A pointer handed to `concurrentPerform` workers that write disjoint elements.
struct PTCTileResultsPointer<T>: @unchecked Sendable {
    let value: UnsafeMutablePointer<T>
    init(_ value: UnsafeMutablePointer<T>) { self.value = value }
}

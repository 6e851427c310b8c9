import Config_VIS
import Foundation

/// The electrical and dark parameters of one quadrant (one readout node).
public struct QuadrantModel: Sendable, Codable, Equatable {
    public var quadrant: Quadrant
    /// Bias level, ADU (not an integer, so that estimators are tested off the ADU grid).
    public var offset: Double
    /// Read noise before digitisation, ADU rms.
    public var readNoise: Double
    /// e⁻ per ADU.
    public var gain: Double
    /// Dark current of ordinary pixels, e⁻/s/pixel.
    public var darkCurrent: Double
}

/// A hot pixel: extra dark current at one pixel. Positions are in canonical (readout-order)
/// quadrant image coordinates: `column` 0 is the first image column after the prescan, `row`
/// 0 the image row read first.
public struct HotPixel: Sendable, Codable, Equatable {
    public var quadrant: Quadrant
    public var column: Int
    public var row: Int
    /// e⁻/s added to the pixel's dark current.
    public var darkCurrent: Double
}

/// A defective image column (canonical image coordinates, whole column).
public struct BadColumn: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Low optical response: every pixel collects `response` times the light.
        case dead
        /// Extra dark current `darkCurrent` e⁻/s in every pixel of the column.
        case hot
    }
    public var quadrant: Quadrant
    public var column: Int
    public var kind: Kind
    /// Relative optical response (1 for hot columns).
    public var response: Double
    /// Extra e⁻/s per pixel (0 for dead columns).
    public var darkCurrent: Double
}

/// One CCD of the block: its quadrants, its fixed PRNU map and its defects.
public struct CCDModel: Sendable, Codable, Equatable {
    public var ccd: Int
    public var serial: String
    /// E, F, G, H in that order.
    public var quadrants: [QuadrantModel]
    /// Nominal pixel-response non-uniformity, fractional rms (0.01 = 1 %).
    public var prnuRMS: Double
    /// Key of the stateless PRNU map (see ``PixelHash``): the map is fixed per CCD and seed.
    public var prnuKey: UInt64
    public var hotPixels: [HotPixel]
    public var badColumns: [BadColumn]

    public func model(_ q: Quadrant) -> QuadrantModel {
        quadrants[Quadrant.allCases.firstIndex(of: q)!]
    }

    /// Mean gain of the CCD: the chamber profile's "time to 2^16 ADU" is taken to refer to it,
    /// so quadrants with a higher gain show proportionally fewer ADU for the same light.
    public var meanGain: Double { quadrants.map(\.gain).reduce(0, +) / Double(quadrants.count) }
}

/// A smooth, known non-linearity of the output chain: a signal of S ADU (offset removed) is
/// recorded as S·(1 + NL(S/65536)/100), with NL(x) = Σ_k c_k x^k in percent (k from 1, so NL(0) = 0).
public struct NonLinearity: Sendable, Codable, Equatable {
    /// c_1, c_2, … (percent).
    public var coefficients: [Double]

    /// +0.4 % at a quarter of full scale, 0 at 0.6, −2 % at full scale: within vison's −3…+7 % plot range.
    public static let standard = NonLinearity(coefficients: [3.0, -5.0])

    /// NL in percent at a signal of `adu` ADU above the offset.
    @inline(__always)
    public func percent(atSignal adu: Double) -> Double {
        let x = adu / 65536
        var power = x, sum = 0.0
        for c in coefficients {
            sum += c * power
            power *= x
        }
        return sum
    }

    @inline(__always)
    public func apply(_ adu: Double) -> Double { adu * (1 + percent(atSignal: adu) / 100) }
}

/// Brighter-fatter charge sharing, a documented linear model: after the photons are collected,
/// charge flows from each image pixel to each of its 4 neighbours n in proportion to their
/// difference, q_i' = q_i + Σ_n f_n (q_n − q_i), with f = β·μ, μ the quadrant's expected
/// signal (e⁻) in the frame and β the strength per electron (serial and parallel neighbours
/// differ). Flows are pairwise, so charge is conserved and the mean is unchanged; the variance
/// of Poisson noise falls to μ·[(1−F)² + 2f_x² + 2f_y²] with F = 2(f_x + f_y), below the
/// Poisson expectation and more so at high signal, and neighbours correlate (see
/// ``ExpectedValues``). No flow crosses the edge of a quadrant's image area.
public struct BrighterFatter: Sendable, Codable, Equatable {
    /// β for the serial (x) neighbours, per e⁻.
    public var serialStrength: Double
    /// β for the parallel (y) neighbours, per e⁻ (stronger in CCD273s, as measured in BF01).
    public var parallelStrength: Double

    /// At 150 000 e⁻: f_x = 0.0045, f_y = 0.009, a 5.4 % variance deficit and a first parallel
    /// neighbour correlation near 1.8 %.
    public static let standard = BrighterFatter(serialStrength: 3e-8, parallelStrength: 6e-8)

    public func coupling(signal: Double) -> (x: Double, y: Double) {
        (serialStrength * max(signal, 0), parallelStrength * max(signal, 0))
    }
}

/// Cosmic-ray hits: straight tracks deposited in exposures long enough to collect them.
public struct CosmicRayModel: Sendable, Codable, Equatable {
    /// Hits per cm² per second (ground-level muons are ~0.017; a little above to be visible).
    public var rate: Double
    /// Exposures shorter than this (s) get none: the flats and PTC frames stay clean, as a
    /// handful of hits would only add noise to statistics they are not meant to test.
    public var minimumExposure: Double
    /// Pixel pitch, cm (12 µm).
    public var pixelSize: Double

    public static let standard = CosmicRayModel(rate: 0.02, minimumExposure: 100, pixelSize: 12e-4)
}

/// Everything fixed for a simulated block of three CCDs: geometry, per-CCD parameters and the
/// optional effects. Built once per run from the seed (``DetectorModel/make(seed:ccds:size:block:options:)``).
public struct DetectorModel: Sendable, Codable, Equatable {
    public var seed: UInt64
    public var size: FrameSize
    public var geometry: VISGeometry { size.geometry }
    public var block: String?
    public var ccds: [CCDModel]
    public var nonLinearity: NonLinearity?
    public var brighterFatter: BrighterFatter?
    public var cosmicRays: CosmicRayModel?

    public func ccd(_ n: Int) -> CCDModel? { ccds.first { $0.ccd == n } }
}

/// The two frame sizes: the campaign's, and a small one with the same pre/overscans for fast tests.
public enum FrameSize: String, Sendable, Codable, CaseIterable {
    /// 2048 x 2066 image per quadrant: a 4238 x 4172 frame.
    case full
    /// 256 x 258 image per quadrant: a 654 x 556 frame.
    case small

    public var geometry: VISGeometry {
        switch self {
        case .full: return VISGeometry()
        case .small: return VISGeometry(imageColumns: 256, imageRows: 258)
        }
    }
}

extension VISGeometry {
    /// The file (NAXIS1, NAXIS2) position, 0-based, of a canonical quadrant position
    /// (x' from the quadrant's first prescan column, y' from its first row read).
    public func filePosition(_ q: Quadrant, canonicalX x: Int, canonicalY y: Int) -> (x: Int, y: Int) {
        let whole = quadrant(q).whole
        let localX = q.flipsX ? quadrantWidth - 1 - x : x
        let localY = q.flipsY ? quadrantHeight - 1 - y : y
        return (whole.x0 + localX, whole.y0 + localY)
    }
}

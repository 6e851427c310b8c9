import Config_VIS
import Foundation

/// What a correct measurement of simulated data should find, derived from the model.
///
/// All in ADU unless named otherwise. Values are expectations (ensemble means); the truth file
/// carries them so tests compare measurements with numbers instead of re-deriving the physics.
public enum ExpectedValues {
    /// Variance that rounding to integer ADU adds to a noise of ≳ 0.5 ADU rms (Sheppard).
    public static let quantisationVariance = 1.0 / 12.0

    /// The std a measurement of the prescan (or any unexposed pixels) should give: the read
    /// noise with the rounding variance added in quadrature.
    public static func measuredNoise(readNoise: Double) -> Double {
        (readNoise * readNoise + quantisationVariance).squareRoot()
    }

    /// Var(A − B)/2 of two bias frames: the intercept of a photon-transfer curve, ADU².
    public static func ptcIntercept(readNoise: Double) -> Double {
        readNoise * readNoise + quantisationVariance
    }

    /// Realised statistics of a CCD's PRNU map over each quadrant's image area, excluding bad
    /// columns: the map is fixed per seed, so the truth can state its actual mean and rms, not
    /// only the nominal rms. One pass of the stateless hash per quadrant.
    public static func prnuStatistics(ccd: CCDModel, geometry g: VISGeometry) -> [Quadrant: (mean: Double, rms: Double)] {
        var statistics = [(mean: Double, rms: Double)](repeating: (1, 0), count: 4)
        statistics.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedPointer(base: buffer.baseAddress!)
            // One quadrant per iteration: both cores, each writing its own slot.
            DispatchQueue.concurrentPerform(iterations: 4) { qi in
                let q = Quadrant.allCases[qi]
                let key = SplitMix64.hash(ccd.prnuKey, UInt64(qi))
                var bad = [Bool](repeating: false, count: g.imageColumns)
                for column in ccd.badColumns where column.quadrant == q { bad[column.column] = true }
                var sum = 0.0, sumSquares = 0.0, n = 0.0
                for row in 0..<g.imageRows {
                    for column in 0..<g.imageColumns where !bad[column] {
                        let r = ccd.prnuRMS > 0 ? 1 + ccd.prnuRMS * PixelHash.normal(key: key, x: column, y: row) : 1
                        sum += r; sumSquares += r * r; n += 1
                    }
                }
                let mean = sum / n
                shared.base[qi] = (mean, max(0, sumSquares / n - mean * mean).squareRoot() / mean)
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(Quadrant.allCases, statistics).map { ($0, $1) })
    }

    /// Mean electrons per image pixel of a quadrant in an exposure, averaged over the whole
    /// image area (bad columns and hot pixels included, cosmic rays excluded).
    public static func meanElectrons(ccd: CCDModel, quadrant q: Quadrant, conditions c: ExposureConditions,
                                     geometry g: VISGeometry, prnuMean: Double) -> Double {
        let columns = Double(g.imageColumns), pixels = Double(g.imageColumns * g.imageRows)
        let bad = ccd.badColumns.filter { $0.quadrant == q }
        // Mean optical response: good columns at the PRNU mean, bad columns at their response.
        let response = (prnuMean * (columns - Double(bad.count)) + bad.reduce(0) { $0 + $1.response * prnuMean }) / columns
        let light = c.photonFlux(meanGain: ccd.meanGain) * c.illuminatedTime * response
        let hotDark = ccd.hotPixels.filter { $0.quadrant == q }.reduce(0) { $0 + $1.darkCurrent } / pixels
        let columnDark = bad.reduce(0) { $0 + $1.darkCurrent } / columns
        return light + (ccd.model(q).darkCurrent + hotDark + columnDark) * c.exposureTime
    }

    /// The expected mean image level above the offset (ADU), through the non-linearity.
    /// Brighter-fatter sharing conserves charge, so it leaves the mean unchanged.
    public static func meanSignal(electrons: Double, gain: Double, nonLinearity: NonLinearity?) -> Double {
        let adu = electrons / gain
        return nonLinearity?.apply(adu) ?? adu
    }

    /// Photon-noise variance factor under brighter-fatter sharing, (1−F)² + 2f_x² + 2f_y², and
    /// the correlation coefficients of the shot noise between a pixel and its neighbours at
    /// (Δx, Δy) = (1,0), (0,1), (1,1), (2,0), (0,2). Read noise is not included.
    public static func brighterFatter(_ bf: BrighterFatter, signal electrons: Double)
        -> (varianceFactor: Double, correlations: [String: Double]) {
        let (fx, fy) = bf.coupling(signal: electrons)
        let f = 2 * (fx + fy)
        let v = (1 - f) * (1 - f) + 2 * fx * fx + 2 * fy * fy
        return (v, [
            "10": 2 * fx * (1 - f) / v,
            "01": 2 * fy * (1 - f) / v,
            "11": 2 * fx * fy / v,
            "20": fx * fx / v,
            "02": fy * fy / v,
        ])
    }

    /// Var(A − B)/2 (ADU²) of two flats at a mean of `electrons`, through read noise, rounding
    /// and brighter-fatter: what a PTC plots against the mean. The non-linearity is left out,
    /// because its effect on the variance depends on the estimator (see NL02 in VIS.md).
    public static func ptcVariance(electrons: Double, gain: Double, readNoise: Double, bf: BrighterFatter?) -> Double {
        let factor = bf.map { brighterFatter($0, signal: electrons).varianceFactor } ?? 1
        return electrons * factor / (gain * gain) + ptcIntercept(readNoise: readNoise)
    }
}

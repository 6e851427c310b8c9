import AstroKit
import Config_VIS
import Foundation

/// One NL02 frame of one quadrant, reduced to what the analysis needs (VIS.md 3.3.6 extract).
public struct NL02Frame: Sendable, Hashable, Codable {
    /// Commanded exposure time, s (0 for BGD).
    public var commandedTime: Double
    /// The source setting (explog `wave`: 0 for the ND-attenuated source, 880 nm for the other).
    public var wavelength: Int
    /// Acquisition time, s from any fixed origin: the flux tracking is a function of it.
    public var time: Double
    /// Per tile: median after iterative 4σ clipping, minus the prescan level, ADU.
    public var fluences: [Double]

    public init(commandedTime: Double, wavelength: Int, time: Double, fluences: [Double]) {
        self.commandedTime = commandedTime; self.wavelength = wavelength; self.time = time; self.fluences = fluences
    }

    /// Measures a quadrant prepared *without* offset subtraction (NL02 removes the offset in the
    /// fit): per tile the 4σ-clipped median (scipy sigmaclip, vison `clipsigma=4`) minus the
    /// quadrant's prescan median. A tile with fewer than `minimumValidFraction` of its pixels
    /// unmasked is NaN: once the ADC saturates, the few pixels left (a dead column) would give a
    /// median that has nothing to do with the tile's fluence.
    public init(_ q: PreparedQuadrant, tiling: Tiling, commandedTime: Double, wavelength: Int, time: Double,
                minimumValidFraction: Double = 0.5) {
        var scratch: [Float] = []
        let fluences = tiling.sections.map { tile -> Double in
            let s = q.samples(tile)
            let clip = s.sigmaClip(lower: 4, upper: 4)
            guard Double(clip.initialCount) >= minimumValidFraction * Double(tile.area) else { return .nan }
            return s.clippedMedian(clip, using: &scratch) - q.prescanLevel
        }
        self.init(commandedTime: commandedTime, wavelength: wavelength, time: time, fluences: fluences)
    }

    /// Mean over the tiles (NaN tiles skipped).
    public var meanFluence: Double {
        let v = fluences.filter(\.isFinite)
        return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
    }
}

/// The role of a frame in NL02 (VIS.md 3.3.6 step 2).
public enum NL02Role: String, Sendable, Hashable, Codable {
    case background, stability, high, low
}

extension NonLinearity02 {
    /// BGD: t = 0; STAB: the non-zero commanded time that occurs most often (ties: the longer);
    /// the rest by source, HI being the source with the larger mean F/t.
    static func classify(_ frames: [NL02Frame], actual t: [Double]) -> [NL02Role] {
        var counts: [Double: Int] = [:]
        for f in frames where f.commandedTime > 0 { counts[f.commandedTime, default: 0] += 1 }
        let stab = counts.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key
        var rate: [Int: (sum: Double, n: Double)] = [:]
        for (i, f) in frames.enumerated() where f.commandedTime > 0 && f.commandedTime != stab && t[i] > 0 {
            let r = f.meanFluence / t[i]
            if r.isFinite { rate[f.wavelength, default: (0, 0)].sum += r; rate[f.wavelength, default: (0, 0)].n += 1 }
        }
        let high = rate.max { $0.value.sum / $0.value.n < $1.value.sum / $1.value.n }?.key
        return frames.map { f in
            if f.commandedTime == 0 { return .background }
            if f.commandedTime == stab { return .stability }
            return f.wavelength == high ? .high : .low
        }
    }

    /// Flux tracking (step 4): a quadratic in time through the STAB fluences (mean over tiles)
    /// after 3σ clipping about the median (astropy sigma_clip, 5 iterations), evaluated at every
    /// frame and normalised — STAB and HI frames by the mean of the medians of their tracks, LO
    /// frames by the mean of theirs. Returns the factor to divide each frame's fluences by and
    /// stability_pc = 100·mean(std(track HI), std(track LO)).
    static func track(_ frames: [NL02Frame], roles: [NL02Role]) -> (factors: [Double], stabilityPercent: Double) {
        let stab = frames.indices.filter { roles[$0] == .stability && frames[$0].meanFluence.isFinite }
        guard stab.count >= 4 else { return (Array(repeating: 1, count: frames.count), .nan) }
        let origin = frames.map(\.time).min() ?? 0
        let clip = SigmaClip(lower: 3, upper: 3, centre: .median, maxIterations: 5)
            .apply(to: Samples(stab.map { Float(frames[$0].meanFluence) }))
        let kept = stab.filter { let v = Float(frames[$0].meanFluence); return v >= clip.keptLow && v <= clip.keptHigh }
        guard kept.count >= 4,
              let fit = try? polyfit(x: kept.map { frames[$0].time - origin }, y: kept.map { frames[$0].meanFluence }, degree: 2)
        else { return (Array(repeating: 1, count: frames.count), .nan) }
        let raw = frames.map { fit.evaluate($0.time - origin) }
        func median(_ v: [Double]) -> Double {
            let s = v.sorted(); let n = s.count
            return n == 0 ? .nan : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
        }
        let select = { (r: Set<NL02Role>) in frames.indices.filter { r.contains(roles[$0]) }.map { raw[$0] } }
        let hiNorm = (median(select([.stability])) + median(select([.high]))) / 2
        let lo = select([.low])
        let loNorm = lo.isEmpty ? hiNorm : lo.reduce(0, +) / Double(lo.count)
        let factors = frames.indices.map { roles[$0] == .low ? raw[$0] / loNorm : raw[$0] / hiNorm }
        func std(_ v: [Double]) -> Double {
            guard !v.isEmpty else { return .nan }
            let m = v.reduce(0, +) / Double(v.count)
            return (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count)).squareRoot()
        }
        let hiTrack = frames.indices.filter { roles[$0] == .high }.map { factors[$0] }
        let loTrack = frames.indices.filter { roles[$0] == .low }.map { factors[$0] }
        return (factors, 100 * (std(hiTrack) + std(loTrack)) / 2)
    }
}

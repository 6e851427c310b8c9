import AstroKit
import Config_VIS
import Foundation
@testable import Recipes_VIS
import Testing

/// NL02's bookkeeping on exact synthetic fluences (no pixels): roles, shutter correction, flux
/// tracking and frame rejection, for a perfectly linear detector under a drifting source.
@Suite("Non-linearity tracking (analysis)")
struct AnalysisNonLinearityTrackingTests {
    /// NL02's structure with 3 frames per level: BGD, STAB after every level, set A (source 0)
    /// at 0.5–25 % of 73.4 s, set B (880 nm) at 15–110 % of 6.8 s, one frame every 100 s; the
    /// source brightens by a quadratic 2 % over the test. `outlier` makes one set-B frame 5 % high.
    static func frames(shutter: ShutterCalibration, outlier: Bool) -> [NL02Frame] {
        let all: [Double] = [0.5, 0.7, 1, 2, 3, 5, 10, 15, 20, 25, 50, 70, 80, 85]
        var plan: [(t: Double, wave: Int)] = Array(repeating: (0, 0), count: 3) + [(3.4, 880)]
        for p in all[0...9] { plan += Array(repeating: (p / 100 * 73.4, 0), count: 3) + [(3.4, 880)] }
        for p in all[7...] { plan += Array(repeating: (p / 100 * 6.8, 880), count: 3) + [(3.4, 880)] }
        let n = Double(plan.count)
        return plan.enumerated().map { i, e in
            let time = 100 * Double(i)
            let drift = 1 + 0.02 * (Double(i) / n) * (Double(i) / n)
            let rate = e.wave == 0 ? 940.0 : 9950.0
            var f = rate * shutter.actualExposureTime(commanded: e.t) * drift
            if e.t == 0 { f = 0 }
            if outlier && e.wave == 880 && abs(e.t - 0.85 * 6.8) < 1e-9 && i % 4 == 1 { f *= 1.05 }
            return NL02Frame(commandedTime: e.t, wavelength: e.wave, time: time,
                             fluences: (0..<4).map { f * (1 + 0.01 * Double($0)) })
        }
    }

    @Test("a linear detector under a drifting source gives NL ≈ 0 once the flux is tracked")
    func linear() throws {
        let shutter = try ShutterCalibration.load("B")
        let frames = Self.frames(shutter: shutter, outlier: false)
        let r = try NonLinearity02.analyse(frames, shutter: shutter)
        #expect(r.roles.filter { $0 == .background }.count == 3)
        #expect(zip(frames, r.roles).allSatisfy { f, role in role != .high || f.wavelength == 880 })
        #expect(zip(frames, r.roles).allSatisfy { f, role in role != .low || f.wavelength == 0 })
        let worst = r.percent.map(abs).max()!
        print("tracked linear detector: max |NL| \(worst) %, stability \(r.stabilityPercent) %")
        #expect(worst < 0.02)
        // The tracked drift is ~2 % peak to peak, so its std is a fraction of a percent.
        #expect(r.stabilityPercent > 0.1 && r.stabilityPercent < 1)
        #expect(abs(r.maxNLPercent) < 0.02)
    }

    @Test("without the shutter correction the delay shows up as a large non-linearity")
    func shutterMatters() throws {
        let shutter = try ShutterCalibration.load("B")
        let frames = Self.frames(shutter: shutter, outlier: false)
        let identity = try ShutterCalibration(name: "none", commanded: [0, 100], actual: [0, 100])
        let r = try NonLinearity02.analyse(frames, shutter: identity)
        #expect(r.percent.map(abs).max()! > 1)
    }

    @Test("a frame 5 % off its level's other frames is rejected")
    func outlier() throws {
        let shutter = try ShutterCalibration.load("B")
        let frames = Self.frames(shutter: shutter, outlier: true)
        let t = frames.map { $0.commandedTime > 0 ? shutter.actualExposureTime(commanded: $0.commandedTime) : 0 }
        let roles = NonLinearity02.classify(frames, actual: t)
        let rejected = NonLinearity02.rejectedFrames(frames, roles: roles)
        #expect(rejected.count == 1)
        let r = try NonLinearity02.analyse(frames, shutter: shutter)
        #expect(r.percent.map(abs).max()! < 0.02)
    }

    @Test("vison's affine reference is available and agrees on a linear detector")
    func affine() throws {
        let shutter = try ShutterCalibration.load("B")
        let r = try NonLinearity02.analyse(Self.frames(shutter: shutter, outlier: false), shutter: shutter, reference: .affine)
        #expect(r.percent.map(abs).max()! < 0.02)
    }
}

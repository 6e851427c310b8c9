import Config_VIS
import Foundation

/// What one exposure does to the CCDs, in physical terms (the log settings are elsewhere).
public struct ExposureConditions: Sendable, Equatable {
    /// Commanded exposure time (s): the time dark current accumulates.
    public var exposureTime: Double
    /// Time the shutter was really open (s), from the shutter calibration; 0 for bias and dark.
    public var illuminatedTime: Double
    /// Seconds for the flat source to bring a pixel of the CCD's mean gain to 2^16 ADU
    /// (the chamber profile's tFWC_flat at this filter); `nil` with the shutter closed.
    public var timeToFullWell: Double?
    /// First and one-past-last canonical row read (ELVIS vstart, vend), in this frame's rows.
    public var vstart: Int
    public var vend: Int

    public init(exposureTime: Double, illuminatedTime: Double, timeToFullWell: Double?, vstart: Int, vend: Int) {
        self.exposureTime = exposureTime
        self.illuminatedTime = illuminatedTime
        self.timeToFullWell = timeToFullWell
        self.vstart = vstart
        self.vend = vend
    }

    public var isIlluminated: Bool { timeToFullWell != nil && illuminatedTime > 0 }

    /// Photo-electrons per second per pixel of unit response on a CCD whose mean gain is
    /// `meanGain`: 2^16 ADU × gain / tFWC, so the chamber profile holds at the mean gain.
    public func photonFlux(meanGain: Double) -> Double {
        guard let t = timeToFullWell, t > 0 else { return 0 }
        return 65536 * meanGain / t
    }

    /// The frame layout: the parallel overscan rows are read only when the window reaches them
    /// (vison's rule: vend − vstart ≤ image rows gives a frame without them).
    public func geometry(_ base: VISGeometry) -> VISGeometry {
        var g = base
        if vend - vstart <= base.imageRows { g.parallelOverscanRows = 0 }
        return g
    }
}

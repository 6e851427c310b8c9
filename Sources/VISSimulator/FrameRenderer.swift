import Config_VIS
import Foundation

/// One simulated raw frame of one CCD, in file orientation (NAXIS1 fastest).
public struct RenderedFrame: Sendable {
    public var pixels: [UInt16]
    /// [NAXIS1, NAXIS2].
    public var shape: [Int]
    public var geometry: VISGeometry
    public var cosmicRays: [CosmicHit]
}

/// Turns a detector model and exposure conditions into raw frames.
///
/// Stage 1 (``ChargeImage``) collects electrons in canonical layout. Stage 2, here, reads them
/// out: brighter-fatter sharing between neighbours, electrons → ADU by the quadrant gain, the
/// non-linearity, the offset and Gaussian read noise, rounding to integer ADU, saturation at
/// 65535, and zeros outside the vstart…vend window. Serial pre/overscan and parallel overscan
/// pixels get offset and noise only. Each file row block has its own random stream.
///
/// The renderer keeps its buffers between frames, so it is not shared between threads; it
/// parallelises each frame itself over both cores.
public final class FrameRenderer {
    public let model: DetectorModel
    private let charge: ChargeImage
    static let blockRows = 32

    public init(model: DetectorModel) {
        self.model = model
        charge = ChargeImage(geometry: model.geometry)
    }

    /// Renders CCD `ccd` for an exposure; `frameKey` names the frame's random streams (use the
    /// ObsID), so each frame differs and re-running a seed repeats every pixel.
    public func render(ccd number: Int, conditions: ExposureConditions, frameKey: UInt64) -> RenderedFrame {
        guard let ccd = model.ccd(number) else {
            preconditionFailure("CCD\(number) is not part of the detector model")
        }
        let hits = charge.expose(ccd: ccd, conditions: conditions, cosmicModel: model.cosmicRays,
                                 seed: model.seed, frameKey: frameKey)
        let g = conditions.geometry(model.geometry)
        let width = g.frameShape[0], height = g.frameShape[1]
        var pixels = [UInt16](repeating: 0, count: width * height)
        let flux = conditions.photonFlux(meanGain: ccd.meanGain) * conditions.illuminatedTime
        // BF couplings per quadrant, from the quadrant's expected signal in this frame.
        let couplings: [(x: Double, y: Double)] = ccd.quadrants.map { q in
            guard let bf = model.brighterFatter else { return (0, 0) }
            return bf.coupling(signal: flux + q.darkCurrent * conditions.exposureTime)
        }
        let nl = model.nonLinearity
        let seed = model.seed, ccdKey = UInt64(number)
        let blocks = (height + Self.blockRows - 1) / Self.blockRows
        let imageColumns = g.imageColumns, imageRows = g.imageRows
        let vstart = conditions.vstart, vend = conditions.vend

        charge.electrons.withUnsafeBufferPointer { chargeBuffer in
            pixels.withUnsafeMutableBufferPointer { out in
                let sharedCharge = SharedReadPointer(base: chargeBuffer.baseAddress!)
                let sharedFrame = SharedPointer(base: out.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: blocks) { block in
                    let electrons = sharedCharge.base, frame = sharedFrame.base
                    var rng = Xoshiro256(stream: seed, ccdKey, frameKey, 2, UInt64(block))
                    for y in (block * Self.blockRows)..<min(height, (block + 1) * Self.blockRows) {
                        let top = y >= g.quadrantHeight
                        for side in 0..<2 {
                            let q: Quadrant = top ? (side == 0 ? .E : .F) : (side == 0 ? .H : .G)
                            let whole = g.quadrant(q).whole
                            let localY = y - whole.y0
                            let row = q.flipsY ? g.quadrantHeight - 1 - localY : localY
                            let line = frame + y * width + whole.x0
                            guard row >= vstart, row < vend else { continue }  // outside the window: zeros
                            let qm = ccd.quadrants[q.index]
                            let quadrantCharge = electrons + q.index * imageColumns * imageRows
                            let (fx, fy) = couplings[q.index]
                            // Walk the row in readout order; F and G are written right to left.
                            let step = q.flipsX ? -1 : 1
                            var out = line + (q.flipsX ? g.quadrantWidth - 1 : 0)
                            @inline(__always) func emit(_ value: Double) {
                                // Round half up and clip to the ADC range; truncation is floor for
                                // non-negative values, which avoids a libm call per pixel.
                                let shifted = value + 0.5
                                out.pointee = shifted <= 0 ? 0 : shifted >= 65535 ? 65535 : UInt16(Int(shifted))
                                out += step
                            }
                            let imageEnd = row < imageRows ? g.prescanColumns + imageColumns : g.prescanColumns
                            for _ in 0..<g.prescanColumns { emit(qm.offset + qm.readNoise * rng.gaussian()) }
                            if row < imageRows {
                                let rowCharge = quadrantCharge + row * imageColumns
                                for column in 0..<imageColumns {
                                    let here = rowCharge + column
                                    var e = Double(here.pointee)
                                    if fx > 0 || fy > 0 {
                                        e += Self.sharing(here, column: column, row: row, columns: imageColumns,
                                                          rows: imageRows, fx: fx, fy: fy)
                                    }
                                    var adu = e / qm.gain
                                    if let nl { adu = nl.apply(adu) }
                                    emit(qm.offset + adu + qm.readNoise * rng.gaussian())
                                }
                            }
                            for _ in imageEnd..<g.quadrantWidth { emit(qm.offset + qm.readNoise * rng.gaussian()) }
                        }
                    }
                }
            }
        }
        return RenderedFrame(pixels: pixels, shape: g.frameShape, geometry: g, cosmicRays: hits)
    }

    /// Net electrons a pixel gains from its neighbours: Σ_n f_n (q_n − q_i), neighbours inside
    /// the quadrant's image area only, so charge is conserved pair by pair.
    @inline(__always)
    static func sharing(_ here: UnsafePointer<Float>, column: Int, row: Int, columns: Int, rows: Int,
                        fx: Double, fy: Double) -> Double {
        let q = Double(here.pointee)
        var serial = 0.0, parallel = 0.0
        if column > 0 { serial += Double(here[-1]) - q }
        if column < columns - 1 { serial += Double(here[1]) - q }
        if row > 0 { parallel += Double(here[-columns]) - q }
        if row < rows - 1 { parallel += Double(here[columns]) - q }
        return fx * serial + fy * parallel
    }
}

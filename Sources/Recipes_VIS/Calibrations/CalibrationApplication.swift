import AstroKit
import Config_VIS
import Foundation

/// How a frame's processed calibrations are applied while its pixels stream, after the
/// offset: the master bias subtracted, defect-mask pixels set to NaN (excluded from every
/// statistic and stack), the flat field divided. Which files apply to which frame was decided
/// by `subtractBias`, `applyDefectMask` and `divideByFlat` and kept in ``VISRunState``.
struct CalibrationApplication: Sendable {
    let bias: PixelArray<Float>?
    let mask: PixelArray<Float>?
    let flat: PixelArray<Float>?

    /// The calibrations recorded for this frame, or nil when there are none.
    init?(frame: VISFrame, files: [String: [String: String]]) throws {
        func load(_ kind: String, _ name: String) throws -> PixelArray<Float>? {
            guard let path = files[kind]?[frame.fileName] else { return nil }
            let pixels = try CalibrationPixels.shared.image(path, extension: name)
            guard pixels.width == frame.width, pixels.height == frame.height else {
                throw VISStepError("\(path): the \(kind) is \(pixels.width) x \(pixels.height) pixels but \(frame.fileName) is \(frame.width) x \(frame.height)")
            }
            return pixels
        }
        bias = try load("processed_bias", "STACK")
        mask = try load("defect_mask", "MASK")
        flat = try load("processed_flat", "FLAT")
        if bias == nil && mask == nil && flat == nil { return nil }
    }

    /// Applies the calibrations to file rows `rows` (full width) held in `band`, in place.
    func apply(rows: Range<Int>, width: Int, band: UnsafeMutableBufferPointer<Float>) {
        let start = rows.lowerBound * width, count = rows.count * width
        if let bias {
            bias.values.withUnsafeBufferPointer { b in for i in 0..<count { band[i] -= b[start + i] } }
        }
        if let mask {
            mask.values.withUnsafeBufferPointer { m in for i in 0..<count where m[start + i] != 0 { band[i] = .nan } }
        }
        if let flat {
            // Outside the image area the flat is 1; a non-positive flat value marks a pixel with no response.
            flat.values.withUnsafeBufferPointer { f in
                for i in 0..<count { let v = f[start + i]; band[i] = v > 0 ? band[i] / v : .nan }
            }
        }
    }
}

extension PreparedQuadrant {
    /// Adds the pixels flagged (non-zero) in a whole-frame defect mask, in file orientation, to
    /// this quadrant's mask, so every statistic of the analyses leaves them out.
    mutating func exclude(_ defects: PixelArray<Float>, quadrant q: Quadrant) {
        let canonical = geometry.canonicalQuadrant(q, of: defects)
        var words = mask?.values ?? [UInt16](repeating: 0, count: canonical.values.count)
        var any = mask != nil
        for i in words.indices where canonical.values[i] != 0 { words[i] = 1; any = true }
        if any { mask = PixelArray(shape: canonical.shape, values: words) }
    }
}

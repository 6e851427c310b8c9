import AstroKit
import Config_VIS

/// The serial hard-edge response of one quadrant (VIS.md 3.3.4 extract_HER,
/// `MOT_FFaux.extract_overscan_profiles`): how much of the last image pixel's charge trails
/// into the first overscan pixel, from a flat near half full well.
public struct HardEdgeResponse: Sendable, Hashable, Codable {
    public var quadrant: Quadrant
    /// Mean normalised profile over the strip: `before` image columns then `after` overscan
    /// columns; 1 on the image, ~0 deep in the overscan.
    public var profile: [Double]
    /// The profile at the first overscan pixel (the limit is |HER| ≤ 1.5e−3).
    public var her: Double
    /// Rows that entered the average.
    public var rows: Int
}

/// ```swift
/// let i = HardEdge.nearestFrame(fluences: frameFluences)!          // closest to 32768 ADU
/// let her = HardEdge.measure(quadrants[.E]!, quadrant: .E)?.her
/// ```
public enum HardEdge {
    public static let before = 10
    public static let after = 15
    /// Rows whose mean over the image part of the strip lies in this range are used.
    public static let rowLevels: ClosedRange<Double> = 10_000...50_000
    /// The limit of VIS.md 7.1.
    public static let limit = 1.5e-3

    /// Index of the frame whose fluence is closest to `target` (half of 2^16 ADU), or nil.
    public static func nearestFrame(fluences: [Double], target: Double = 32_768) -> Int? {
        fluences.indices.filter { fluences[$0].isFinite }.min { abs(fluences[$0] - target) < abs(fluences[$1] - target) }
    }

    /// The profile over canonical columns [image end − 10, image end + 15) of the image rows.
    /// Each row is normalised as (strip − bias)/(injection − bias), bias = mean of the strip's
    /// last 3 columns, injection = mean of its 10 image columns; masked pixels are skipped (a
    /// row with a masked pixel among the bias or injection columns is left out). Nil when no
    /// row qualifies or the overscan is narrower than the strip.
    public static func measure(_ q: PreparedQuadrant, quadrant: Quadrant) -> HardEdgeResponse? {
        let g = q.geometry
        guard g.overscanColumns >= after, g.imageColumns >= before else { return nil }
        let edge = g.prescanColumns + g.imageColumns
        let x0 = edge - before, width = before + after
        let w = q.pixels.width
        var sum = [Double](repeating: 0, count: width)
        var counts = [Int](repeating: 0, count: width)
        var rows = 0
        var normalised = [Double](repeating: 0, count: width)
        q.pixels.values.withUnsafeBufferPointer { v in
            let mask = q.mask?.values
            func valid(_ i: Int) -> Bool { (mask.map { $0[i] == 0 } ?? true) && v[i].isFinite }
            rowLoop: for y in 0..<g.imageRows {
                let base = y * w + x0
                var injection = 0.0, bias = 0.0
                for k in 0..<before {
                    guard valid(base + k) else { continue rowLoop }
                    injection += Double(v[base + k])
                }
                for k in (width - 3)..<width {
                    guard valid(base + k) else { continue rowLoop }
                    bias += Double(v[base + k])
                }
                injection /= Double(before)
                bias /= 3
                // The level test is on the injection level above the bias, i.e. the signal.
                guard rowLevels.contains(injection - bias) else { continue }
                for k in 0..<width {
                    normalised[k] = valid(base + k) ? (Double(v[base + k]) - bias) / (injection - bias) : .nan
                }
                for k in 0..<width where normalised[k].isFinite {
                    sum[k] += normalised[k]; counts[k] += 1
                }
                rows += 1
            }
        }
        guard rows > 0 else { return nil }
        let profile = (0..<width).map { counts[$0] > 0 ? sum[$0] / Double(counts[$0]) : .nan }
        return HardEdgeResponse(quadrant: quadrant, profile: profile, her: profile[before], rows: rows)
    }
}

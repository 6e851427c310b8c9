import Foundation

/// The OGSE shutter calibration: the actual exposure time for a commanded one, from
/// `Lookups/shutter_calibration.json` (vison's `shutter_<X>_calibration.txt`).
///
/// vison interpolates the table with a cubic; we use a monotone piecewise cubic (Fritsch–Carlson,
/// as scipy's PCHIP), which passes through every measured point and, unlike an unconstrained
/// cubic, can never make a longer command give a shorter exposure. The table starts at 0 → 0.
///
/// ```swift
/// let shutter = try ShutterCalibration.load("B")
/// shutter.actualExposureTime(commanded: 1.3)   // 1.323 s
/// ```
public struct ShutterCalibration: Sendable, Equatable {
    public var name: String
    /// Commanded times (s), strictly increasing.
    public var commanded: [Double]
    /// Measured actual times (s) for each commanded one.
    public var actual: [Double]
    private var slopes: [Double]

    public init(name: String, commanded: [Double], actual: [Double]) throws(LookupTableError) {
        guard commanded.count == actual.count, commanded.count >= 2,
              zip(commanded, commanded.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .undecodable(resource: "shutter table \(name)",
                               reason: "it needs at least two points with strictly increasing commanded times")
        }
        self.name = name
        self.commanded = commanded
        self.actual = actual
        slopes = Self.monotoneSlopes(x: commanded, y: actual)
    }

    /// The actual time for a commanded one. Negative commands give 0; beyond the last measured
    /// point the last measured offset (actual − commanded) is added, the shutter delay being
    /// constant there (0 s at 100 s for table B).
    public func actualExposureTime(commanded t: Double) -> Double {
        guard t > commanded[0] else { return t < commanded[0] ? 0 : actual[0] }
        let last = commanded.count - 1
        if t >= commanded[last] { return t + (actual[last] - commanded[last]) }
        // The interval [x_k, x_k+1) holding t.
        var low = 0, high = last
        while high - low > 1 {
            let mid = (low + high) / 2
            if commanded[mid] <= t { low = mid } else { high = mid }
        }
        let h = commanded[low + 1] - commanded[low]
        let s = (t - commanded[low]) / h
        let s2 = s * s, s3 = s2 * s
        return (2 * s3 - 3 * s2 + 1) * actual[low] + (s3 - 2 * s2 + s) * h * slopes[low]
            + (-2 * s3 + 3 * s2) * actual[low + 1] + (s3 - s2) * h * slopes[low + 1]
    }

    /// Fritsch–Carlson derivatives: weighted harmonic means of neighbouring secants inside,
    /// zero at local extrema, and a shape-preserving three-point estimate at the ends.
    static func monotoneSlopes(x: [Double], y: [Double]) -> [Double] {
        let n = x.count
        let h = (0..<n - 1).map { x[$0 + 1] - x[$0] }
        let delta = (0..<n - 1).map { (y[$0 + 1] - y[$0]) / h[$0] }
        guard n > 2 else { return [delta[0], delta[0]] }
        var d = [Double](repeating: 0, count: n)
        for k in 1..<n - 1 where delta[k - 1] * delta[k] > 0 {
            let w1 = 2 * h[k] + h[k - 1], w2 = h[k] + 2 * h[k - 1]
            d[k] = (w1 + w2) / (w1 / delta[k - 1] + w2 / delta[k])
        }
        func end(_ h0: Double, _ h1: Double, _ m0: Double, _ m1: Double) -> Double {
            let estimate = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1)
            if estimate.sign != m0.sign || m0 == 0 { return 0 }
            if m0.sign != m1.sign, abs(estimate) > 3 * abs(m0) { return 3 * m0 }
            return estimate
        }
        d[0] = end(h[0], h[1], delta[0], delta[1])
        d[n - 1] = end(h[n - 2], h[n - 3], delta[n - 2], delta[n - 3])
        return d
    }

    private struct File: Decodable {
        struct Table: Decodable { let commanded: [Double]; let actual: [Double] }
        let tables: [String: Table]
    }

    /// A named table, e.g. "B" (the one a ``ChamberProfile/shutter`` names).
    public static func load(_ name: String) throws(LookupTableError) -> ShutterCalibration {
        let file = try LookupTable.decode(File.self, from: "shutter_calibration")
        guard let table = file.tables[name.uppercased()] else {
            throw .unknownEntry(table: "shutter_calibration.json", name: name, known: file.tables.keys.sorted())
        }
        return try ShutterCalibration(name: name.uppercased(), commanded: table.commanded, actual: table.actual)
    }
}

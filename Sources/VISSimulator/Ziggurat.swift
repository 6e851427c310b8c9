import Foundation

/// Marsaglia & Tsang's ziggurat for the standard normal (128 layers): one 64-bit word, one
/// multiply and one table compare for ~98.8 % of deviates, exact in distribution (the wedges
/// and the tail beyond r = 3.4426 are sampled by rejection). Box–Muller needs a log, a sqrt,
/// a sin and a cos per pair, which made read noise the cost of a full frame.
enum Ziggurat {
    static let layers = 128
    /// Start of the tail.
    static let r = 3.442619855899
    /// Area of each layer (and of the base strip with the tail).
    static let v = 9.91256303526217e-3

    /// The tables as raw pointers, allocated once and never freed: reading a global array from
    /// the per-pixel loop would retain and release it on every call, and two threads doing that
    /// on one reference count cost more than the deviates themselves.
    struct Tables: @unchecked Sendable {
        let x: UnsafePointer<Double>
        let fx: UnsafePointer<Double>
    }

    static let tables: Tables = {
        let xs = UnsafeMutablePointer<Double>.allocate(capacity: layers + 1)
        xs.initialize(from: widths, count: layers + 1)
        let fs = UnsafeMutablePointer<Double>.allocate(capacity: layers + 1)
        fs.initialize(from: widths.map(f), count: layers + 1)
        return Tables(x: xs, fx: fs)
    }()

    /// x[0] = v / f(r) (virtual width of the base strip), x[1] = r, …, x[128] = 0.
    static let widths: [Double] = {
        var x = [Double](repeating: 0, count: layers + 1)
        x[0] = v / f(r)
        x[1] = r
        for i in 1..<(layers - 1) {
            x[i + 1] = (-2 * Foundation.log(v / x[i] + f(x[i]))).squareRoot()
        }
        x[layers] = 0
        return x
    }()

    @inline(__always)
    static func f(_ x: Double) -> Double { Foundation.exp(-0.5 * x * x) }
}

extension Xoshiro256 {
    /// Standard normal deviate by the ziggurat.
    @inline(__always)
    public mutating func gaussian() -> Double {
        let tables = ziggurat
        let x = tables.x
        while true {
            let bits = next()
            let layer = Int(bits & 127)
            let u = Double(bits >> 11) * 0x1.0p-52 - 1        // [-1, 1)
            let z = u * x[layer]
            if abs(z) < x[layer + 1] { return z }
            if layer == 0 { return tail(negative: u < 0) }
            let fx = tables.fx
            let y = fx[layer] + uniform() * (fx[layer + 1] - fx[layer])
            if y < Ziggurat.f(z) { return z }
        }
    }

    /// A deviate beyond ±r, by Marsaglia's exponential rejection.
    mutating func tail(negative: Bool) -> Double {
        while true {
            let a = -Foundation.log(uniformPositive()) / Ziggurat.r
            let b = -Foundation.log(uniformPositive())
            if 2 * b > a * a { return negative ? -(Ziggurat.r + a) : Ziggurat.r + a }
        }
    }
}

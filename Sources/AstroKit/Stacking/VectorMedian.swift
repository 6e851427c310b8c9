/// The plain median stack (no clipping) of eight neighbouring pixels at once: each frame's
/// eight values are one SIMD vector, a sorting network of lane-wise min/max orders every
/// pixel's values together, without a branch. A scalar median of a short stack is dominated by
/// mispredicted branches (an insertion sort or `sort()` of 10 values costs about 100 ns); here
/// a pixel of a 10-frame stack costs a few ns.
///
/// Results are bit-identical to ``PixelCombiner/combine(_:options:)``: the median is an order
/// statistic (the mean of the two middle values formed in Double, as there), and the mean and
/// deviation are summed in Double in frame order, lane by lane, as the scalar loop does.
enum VectorMedian {
    typealias Lanes = SIMD8<Float>
    static let width = 8
    /// Above this many frames the O(n²) network loses to the scalar selection.
    static let maximumFrames = 48

    /// Combines pixels [p, p + 8) of the band; false (nothing written) when one of them has a
    /// NaN (a masked or undefined value), which the scalar path handles.
    @inline(__always)
    static func combine(_ input: UnsafePointer<Float>, pixel p: Int, frames n: Int, planeStride: Int,
                        scratch v: UnsafeMutablePointer<Lanes>, into out: FrameStacker.Outputs) -> Bool {
        let raw = UnsafeRawPointer(input + p)
        var sum0 = SIMD4<Double>(repeating: 0), sum1 = SIMD4<Double>(repeating: 0)
        for f in 0..<n {
            let x = raw.loadUnaligned(fromByteOffset: 4 * f * planeStride, as: Lanes.self)
            if any(x .!= x) { return false }
            v[f] = x
            sum0 += SIMD4<Double>(x.lowHalf)
            sum1 += SIMD4<Double>(x.highHalf)
        }
        let count = SIMD4<Double>(repeating: Double(n))
        let mean0 = sum0 / count, mean1 = sum1 / count
        var sq0 = SIMD4<Double>(repeating: 0), sq1 = SIMD4<Double>(repeating: 0)
        for f in 0..<n {
            let d0 = SIMD4<Double>(v[f].lowHalf) - mean0, d1 = SIMD4<Double>(v[f].highHalf) - mean1
            sq0 += d0 * d0
            sq1 += d1 * d1
        }
        let deviation = SIMD8<Float>(lowHalf: SIMD4<Float>((sq0 / count).squareRoot()),
                                     highHalf: SIMD4<Float>((sq1 / count).squareRoot()))
        // Odd-even transposition: n rounds of compare-exchange on alternate neighbours sort
        // any n values.
        for round in 0..<n {
            var i = round & 1
            while i + 1 < n {
                // A select on a comparison mask: the stdlib's pointwiseMin/Max are not inlined
                // and run forty times slower (375 ns per pixel for 10 frames).
                let a = v[i], b = v[i + 1]
                let swap = b .< a
                v[i] = a.replacing(with: b, where: swap)
                v[i + 1] = b.replacing(with: a, where: swap)
                i += 2
            }
        }
        let value: Lanes
        if n % 2 == 1 {
            value = v[n / 2]
        } else {
            let a = v[n / 2 - 1], b = v[n / 2]
            value = Lanes(lowHalf: SIMD4<Float>(0.5 * (SIMD4<Double>(a.lowHalf) + SIMD4<Double>(b.lowHalf))),
                          highHalf: SIMD4<Float>(0.5 * (SIMD4<Double>(a.highHalf) + SIMD4<Double>(b.highHalf))))
        }
        UnsafeMutableRawPointer(out.stack + p).storeBytes(of: value, as: Lanes.self)
        UnsafeMutableRawPointer(out.deviation + p).storeBytes(of: deviation, as: Lanes.self)
        let used = UInt16(n)
        for k in 0..<width { out.used[p + k] = used }
        return true
    }
}

/// A set of Float samples to take statistics of: a flat array, or a `Section` of a 2-D
/// `PixelArray<Float>` read in place (the pixel storage is shared, never copied), with an
/// optional mask. NaN samples are always treated as missing (numpy's nan* functions), and so
/// are pixels whose mask word has any of `excludedBits` set.
///
/// ```swift
/// let prescan = Samples(quadrant, section: Section(x0: 25, x1: 46, y0: 0, y1: 2066))
/// prescan.median          // Double, numpy convention
/// prescan.moments.std     // ddof 0
/// let clipped = prescan.sigmaClip(lower: 3, upper: 3)   // scipy.stats.sigmaclip
/// ```
///
/// Sums are accumulated in Double (numpy accumulates float32 input in float32, so its last
/// digits can differ from these, which are the more accurate).
///
/// Mean, std and sum stream over the rows. Median, percentiles and MAD gather the valid
/// samples into a scratch buffer (one allocation per call, or none when the caller passes its
/// own buffer to the `using:` variants, as a loop over 36 tiles should).
public struct Samples: Sendable {
    let values: [Float]
    let rowLength: Int
    public let section: Section
    let mask: [UInt16]?
    public let excludedBits: UInt16

    /// A flat array of samples; `mask[i] == true` excludes `values[i]`.
    public init(_ values: [Float], mask: [Bool]? = nil) {
        precondition(mask == nil || mask!.count == values.count, "mask and values differ in length")
        self.values = values
        self.rowLength = values.count
        self.section = Section(x0: 0, x1: values.count, y0: 0, y1: values.isEmpty ? 0 : 1)
        self.mask = mask.map { $0.map { $0 ? 1 : 0 } }
        self.excludedBits = 1
    }

    /// The pixels of `section` (default: the whole array) of a 2-D image. A pixel is excluded
    /// when `mask` (a DQ plane of the same shape) has any of `excludedBits` set there.
    public init(_ image: PixelArray<Float>, section: Section? = nil,
                mask: PixelArray<UInt16>? = nil, excludedBits: UInt16 = .max) {
        let whole = Section(x0: 0, x1: image.width, y0: 0, y1: image.height)
        let s = section ?? whole
        precondition(whole.contains(s), "section \(s) outside the \(image.shape) image")
        precondition(mask == nil || mask!.shape == image.shape, "mask shape differs from image shape")
        self.values = image.values
        self.rowLength = image.width
        self.section = s
        self.mask = mask?.values
        self.excludedBits = excludedBits
    }

    /// Upper bound on the number of valid samples (the section's pixel count).
    public var capacity: Int { section.isEmpty ? 0 : section.area }

    /// Calls `body` once per row of the section with that row's pixels and mask words.
    @inline(__always)
    func forEachRow(_ body: (UnsafeBufferPointer<Float>, UnsafeBufferPointer<UInt16>?) -> Void) {
        guard !section.isEmpty else { return }
        values.withUnsafeBufferPointer { v in
            if let mask {
                mask.withUnsafeBufferPointer { m in
                    for y in section.y0..<section.y1 {
                        let start = y * rowLength + section.x0
                        body(UnsafeBufferPointer(rebasing: v[start..<start + section.width]),
                             UnsafeBufferPointer(rebasing: m[start..<start + section.width]))
                    }
                }
            } else {
                for y in section.y0..<section.y1 {
                    let start = y * rowLength + section.x0
                    body(UnsafeBufferPointer(rebasing: v[start..<start + section.width]), nil)
                }
            }
        }
    }

    /// Sums shifted by `shift` over the samples inside [lo, hi].
    func sums(lo: Float = -.infinity, hi: Float = .infinity, shift: Double) -> ShiftedSums {
        var acc = ShiftedSums()
        let bits = excludedBits
        forEachRow { row, m in acc.add(row, mask: m, bits: bits, lo: lo, hi: hi, shift: shift) }
        return acc
    }

    /// Moments of the samples inside [lo, hi], in one pass of sums shifted by a value near the
    /// centre (``roughCentre(lo:hi:)``), which makes the variance as accurate as numpy's
    /// two-pass computation; two passes (a rough mean first) when no such value is found.
    public func moments(lo: Float = -.infinity, hi: Float = .infinity) -> Moments {
        if let centre = roughCentre(lo: lo, hi: hi) {
            return sums(lo: lo, hi: hi, shift: centre).moments(shift: centre)
        }
        let rough = sums(lo: lo, hi: hi, shift: 0).moments(shift: 0)
        guard rough.count > 0 else { return rough }
        return sums(lo: lo, hi: hi, shift: rough.mean).moments(shift: rough.mean)
    }

    /// Moments in one pass, with sums shifted by `near` — accurate when `near` is within a
    /// few standard deviations of the mean, as the previous iteration's mean is in clipping.
    func moments(lo: Float, hi: Float, near: Double) -> Moments {
        sums(lo: lo, hi: hi, shift: near).moments(shift: near)
    }

    /// The median of up to 31 evenly spaced valid samples inside [lo, hi], or nil when none
    /// of the pixels looked at is valid. A mean and median differ by at most one standard
    /// deviation, so sums shifted by this value keep the shifted mean within about σ and the
    /// variance free of cancellation, without a first pass over the data.
    func roughCentre(lo: Float, hi: Float) -> Double? {
        let total = capacity
        guard total > 0 else { return nil }
        let picks = min(31, total)
        let width = section.width
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: picks) { chosen in
            var n = 0
            values.withUnsafeBufferPointer { v in
                for j in 0..<picks {
                    let k = (2 * j + 1) * total / (2 * picks)
                    let index = (section.y0 + k / width) * rowLength + section.x0 + k % width
                    let x = v[index]
                    guard x >= lo && x <= hi else { continue }
                    if let mask, mask[index] & excludedBits != 0 { continue }
                    chosen[n] = x
                    n += 1
                }
            }
            guard n > 0 else { return nil }
            return Selection.median(UnsafeMutableBufferPointer(rebasing: chosen[0..<n]))
        }
    }

    public var moments: Moments { moments() }
    public var mean: Double { moments.mean }
    /// Population standard deviation (ddof 0).
    public var std: Double { moments.std }
    public var sum: Double { sums(shift: 0).s1 }
    public var count: Int { sums(shift: 0).count }

    /// Copies the valid samples inside [lo, hi] to the front of `scratch` (grown when too
    /// short) and returns how many there are.
    @discardableResult
    public func gather(into scratch: inout [Float], lo: Float = -.infinity, hi: Float = .infinity) -> Int {
        if scratch.count < capacity { scratch = [Float](repeating: 0, count: capacity) }
        var n = 0
        let bits = excludedBits
        scratch.withUnsafeMutableBufferPointer { out in
            forEachRow { row, m in
                if let m {
                    for i in 0..<row.count where m[i] & bits == 0 && row[i] >= lo && row[i] <= hi {
                        out[n] = row[i]; n += 1
                    }
                } else {
                    for x in row where x >= lo && x <= hi { out[n] = x; n += 1 }
                }
            }
        }
        return n
    }

    /// The valid samples as a new array.
    public var validValues: [Float] {
        var scratch: [Float] = []
        let n = gather(into: &scratch)
        return Array(scratch[0..<n])
    }

    public func median(using scratch: inout [Float]) -> Double {
        let n = gather(into: &scratch)
        return scratch.withUnsafeMutableBufferPointer {
            Selection.median(UnsafeMutableBufferPointer(rebasing: $0[0..<n]))
        }
    }

    public var median: Double {
        var scratch: [Float] = []
        return median(using: &scratch)
    }

    /// Percentiles (q in 0...100) with numpy's 'linear' interpolation.
    public func percentiles(_ qs: [Double], using scratch: inout [Float]) -> [Double] {
        let n = gather(into: &scratch)
        return scratch.withUnsafeMutableBufferPointer {
            Selection.percentiles(UnsafeMutableBufferPointer(rebasing: $0[0..<n]), qs)
        }
    }

    public func percentile(_ q: Double) -> Double {
        var scratch: [Float] = []
        return percentiles([q], using: &scratch)[0]
    }

    /// Median absolute deviation about the median, unscaled (scipy.stats.median_abs_deviation
    /// with scale=1). Multiply by 1.482602218505602 for a Gaussian-consistent sigma.
    public func mad(using scratch: inout [Float]) -> Double {
        let n = gather(into: &scratch)
        return scratch.withUnsafeMutableBufferPointer { buf in
            let v = UnsafeMutableBufferPointer(rebasing: buf[0..<n])
            let med = Selection.median(v)
            // Deviations are formed in Double and rounded once to Float so the scratch buffer
            // can be reused for the second selection; for ADU-sized values the rounding is
            // below 1e-3 ADU.
            for i in 0..<n { v[i] = Float(abs(Double(v[i]) - med)) }
            return Selection.median(v)
        }
    }

    public var mad: Double {
        var scratch: [Float] = []
        return mad(using: &scratch)
    }
}

extension PixelArray where Element == Float {
    /// The pixels of `section` as `Samples`, without copying.
    ///
    /// ```swift
    /// let offset = quadrant.samples(in: prescan, mask: dq).median
    /// ```
    public func samples(in section: Section? = nil, mask: PixelArray<UInt16>? = nil,
                        excludedBits: UInt16 = .max) -> Samples {
        Samples(self, section: section, mask: mask, excludedBits: excludedBits)
    }
}

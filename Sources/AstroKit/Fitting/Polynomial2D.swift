import CGSL

/// A 2-D polynomial of total degree d, p(x, y) = Σ_{i+j≤d} c_ij xⁱ yʲ, as astropy's
/// `Polynomial2D`. Fitting is linear least squares (GSL), like astropy's `LinearLSQFitter`.
///
/// Internally the model is held in normalised variables u = (x − xCentre)/xScale,
/// v = (y − yCentre)/yScale, with the centre and half-range of the fitted samples: a
/// degree-5 design matrix in raw pixel coordinates has columns from 1 to 2000⁵ ≈ 3e16, and
/// normalising keeps the solve well conditioned. `coefficients` expands back to raw pixel
/// powers in astropy's parameter order, for comparison and storage.
///
/// ```swift
/// let bins = BinnedImage(image, section: imageArea, box: 300, statistic: .mean)
/// let s = bins.validSamples
/// let fit = try Polynomial2D.fit(x: s.x, y: s.y, z: s.z, degree: 5)
/// let model = fit.model.evaluate(on: imageArea)    // PixelArray<Float>, one value per pixel
/// ```
public struct Polynomial2D: Sendable, Hashable {
    public let degree: Int
    public let xCentre: Double
    public let xScale: Double
    public let yCentre: Double
    public let yScale: Double
    /// a[j][i] multiplies uⁱ vʲ (i + j ≤ degree); zero above the anti-diagonal.
    let normalised: [[Double]]

    /// astropy's parameter order: c0_0, c1_0 … cd_0, c0_1 … c0_d, then the mixed terms
    /// c_i_j (i, j ≥ 1, i + j ≤ d) with i outer and j inner.
    public static func termOrder(degree d: Int) -> [(x: Int, y: Int)] {
        var terms: [(x: Int, y: Int)] = (0...d).map { ($0, 0) }
        if d >= 1 { terms += (1...d).map { (0, $0) } }
        if d >= 2 {
            for i in 1..<d { for j in 1..<d where i + j <= d { terms.append((i, j)) } }
        }
        return terms
    }

    /// A polynomial from raw-coordinate coefficients in astropy order (as astropy's
    /// `Polynomial2D(degree, **params).parameters`).
    public init(degree: Int, coefficients: [Double]) {
        let order = Self.termOrder(degree: degree)
        precondition(coefficients.count == order.count,
                     "degree \(degree) needs \(order.count) coefficients, got \(coefficients.count)")
        var a = [[Double]](repeating: [Double](repeating: 0, count: degree + 1), count: degree + 1)
        for (k, t) in order.enumerated() { a[t.y][t.x] = coefficients[k] }
        self.init(degree: degree, xCentre: 0, xScale: 1, yCentre: 0, yScale: 1, normalised: a)
    }

    init(degree: Int, xCentre: Double, xScale: Double, yCentre: Double, yScale: Double,
         normalised: [[Double]]) {
        self.degree = degree
        self.xCentre = xCentre
        self.xScale = xScale
        self.yCentre = yCentre
        self.yScale = yScale
        self.normalised = normalised
    }

    /// Raw pixel-coordinate coefficients in astropy order (see `termOrder`), by binomial
    /// expansion of the normalised form.
    public var coefficients: [Double] {
        let d = degree
        // The 1-D change of variable t = (s − c)/h expands as tⁿ = Σ_k T[n][k] sᵏ, built by
        // the recurrence tⁿ = (s − c)·tⁿ⁻¹/h.
        func expansion(centre c: Double, scale h: Double) -> [[Double]] {
            var t = [[Double]](repeating: [Double](repeating: 0, count: d + 1), count: d + 1)
            t[0][0] = 1
            for n in stride(from: 1, through: d, by: 1) {
                for k in 0...n {
                    let fromShift = k <= n - 1 ? -c * t[n - 1][k] : 0
                    let fromPower = k >= 1 ? t[n - 1][k - 1] : 0
                    t[n][k] = (fromShift + fromPower) / h
                }
            }
            return t
        }
        let tx = expansion(centre: xCentre, scale: xScale)
        let ty = expansion(centre: yCentre, scale: yScale)
        return Self.termOrder(degree: d).map { term in
            var sum = 0.0
            for j in term.y...d {
                for i in term.x...d where i + j <= d {
                    sum += normalised[j][i] * tx[i][term.x] * ty[j][term.y]
                }
            }
            return sum
        }
    }

    /// The polynomial in x at fixed y: b[i] = Σ_j a[j][i] vʲ (Horner in v).
    @inline(__always)
    func rowCoefficients(y: Double, into b: inout [Double]) {
        let v = (y - yCentre) / yScale
        for i in 0...degree {
            var acc = 0.0
            for j in stride(from: degree - i, through: 0, by: -1) { acc = acc * v + normalised[j][i] }
            b[i] = acc
        }
    }

    public func callAsFunction(_ x: Double, _ y: Double) -> Double {
        var b = [Double](repeating: 0, count: degree + 1)
        rowCoefficients(y: y, into: &b)
        let u = (x - xCentre) / xScale
        return b.reversed().reduce(0) { $0 * u + $1 }
    }

    /// Writes p(x, y) (or `image − p`, with `subtract`) at every pixel of `section`,
    /// with x, y the pixel's own column and row in `image`. Per row the y-dependence is
    /// folded once, then each pixel costs `degree` multiply-adds (Horner in x).
    public func render(into image: inout PixelArray<Float>, section: Section, subtract: Bool = false) {
        let whole = Section(x0: 0, x1: image.width, y0: 0, y1: image.height)
        precondition(whole.contains(section), "section \(section) outside the \(image.shape) image")
        render(into: &image, section: section, xOffset: 0, yOffset: 0, subtract: subtract)
    }

    /// The model over `section` as a new section-sized image; pixel (i, j) holds
    /// p(section.x0 + i, section.y0 + j).
    public func evaluate(on section: Section) -> PixelArray<Float> {
        var out = PixelArray<Float>(width: max(section.width, 0), height: max(section.height, 0), repeating: 0)
        render(into: &out, section: Section(x0: 0, x1: out.width, y0: 0, y1: out.height),
               xOffset: section.x0, yOffset: section.y0, subtract: false)
        return out
    }

    /// Pixel (x, y) of `image` receives p(x + xOffset, y + yOffset).
    ///
    /// u depends only on the column, so it is computed once; per row the y-dependence is
    /// folded into d + 1 coefficients, and Horner runs with the pixel loop innermost, which the
    /// compiler vectorises (no loop-carried dependence between pixels).
    func render(into image: inout PixelArray<Float>, section: Section, xOffset: Int, yOffset: Int,
                subtract: Bool) {
        guard !section.isEmpty else { return }
        let width = image.width
        let d = degree
        let n = section.width
        let u = (0..<n).map { (Double(section.x0 + $0 + xOffset) - xCentre) / xScale }
        var acc = [Double](repeating: 0, count: n)
        var b = [Double](repeating: 0, count: d + 1)
        image.values.withUnsafeMutableBufferPointer { out in
            u.withUnsafeBufferPointer { u in
                acc.withUnsafeMutableBufferPointer { acc in
                    for y in section.y0..<section.y1 {
                        rowCoefficients(y: Double(y + yOffset), into: &b)
                        let top = b[d]
                        for k in 0..<n { acc[k] = top }
                        var i = d - 1
                        while i >= 0 {
                            let c = b[i]
                            for k in 0..<n { acc[k] = acc[k] * u[k] + c }
                            i -= 1
                        }
                        let row = out.baseAddress! + y * width + section.x0
                        if subtract {
                            for k in 0..<n { row[k] = Float(Double(row[k]) - acc[k]) }
                        } else {
                            for k in 0..<n { row[k] = Float(acc[k]) }
                        }
                    }
                }
            }
        }
    }
}

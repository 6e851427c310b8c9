/// A smooth surface through values on a regular grid of nodes (e.g. the 25×25-pixel median
/// bins of a flat), evaluated at every pixel of a section: the tensor product of natural cubic
/// splines — along x through each node row, then along y through the results for each pixel
/// column.
///
/// vison models flats with scipy `griddata(method='cubic')` (Clough–Tocher on a Delaunay
/// triangulation) of the bin centres. On a regular grid that triangulation is degenerate (four
/// cocircular points per cell, split however qhull chooses), so its result cannot be
/// reproduced exactly; the tensor-product spline is the well-defined smooth C² interpolant of
/// the same nodes. Beyond the outermost nodes the surface is held at its value on the edge
/// (coordinates are clamped), the role of vison's `recoveredges` nearest-neighbour padding.
///
/// ```swift
/// let bins = BinnedImage(flat, section: imageArea, box: 25, statistic: .median, mask: dq)
/// let surface = try GridSpline2D(xNodes: bins.xCentres, yNodes: bins.yCentres, values: bins.values)
/// let model = surface.evaluate(on: imageArea)
/// ```
public struct GridSpline2D: Sendable {
    public let xNodes: [Double]
    public let yNodes: [Double]
    /// Row-major (x fastest) node values, ny × nx.
    public let values: [Double]

    /// At least 3 strictly increasing nodes per axis and finite values (fill empty bins first).
    public init(xNodes: [Double], yNodes: [Double], values: [Double]) throws {
        guard values.count == xNodes.count * yNodes.count else { throw FitError.lengthMismatch }
        guard xNodes.count >= 3, yNodes.count >= 3 else {
            throw FitError.tooFewPoints(needed: 3, got: min(xNodes.count, yNodes.count))
        }
        guard values.allSatisfy(\.isFinite) else {
            throw FitError.invalidArgument("grid values must be finite: fill empty bins before interpolating")
        }
        self.xNodes = xNodes
        self.yNodes = yNodes
        self.values = values
        // Validates monotonic nodes once, with the error Interpolator gives.
        _ = try Interpolator(x: xNodes, y: Array(values[0..<xNodes.count]), method: .naturalCubicSpline)
        _ = try Interpolator(x: yNodes, y: yNodes.indices.map { values[$0 * xNodes.count] },
                             method: .naturalCubicSpline)
    }

    private func clamp(_ t: Double, _ nodes: [Double]) -> Double {
        min(max(t, nodes[0]), nodes[nodes.count - 1])
    }

    /// The surface at one point.
    public func callAsFunction(_ x: Double, _ y: Double) -> Double {
        let nx = xNodes.count
        let column = yNodes.indices.map { j in
            // Nodes were validated in init, so these cannot throw.
            try! Interpolator(x: xNodes, y: Array(values[(j * nx)..<((j + 1) * nx)]),
                              method: .naturalCubicSpline)(clamp(x, xNodes))
        }
        return try! Interpolator(x: yNodes, y: column, method: .naturalCubicSpline)(clamp(y, yNodes))
    }

    /// The surface at every pixel of `section`; pixel (i, j) of the result holds the value at
    /// (section.x0 + i, section.y0 + j).
    public func evaluate(on section: Section) -> PixelArray<Float> {
        let w = max(section.width, 0), h = max(section.height, 0)
        var out = PixelArray<Float>(width: w, height: h, repeating: 0)
        guard w > 0 && h > 0 else { return out }
        let nx = xNodes.count, ny = yNodes.count
        let xs = (0..<w).map { clamp(Double(section.x0 + $0), xNodes) }
        let ys = (0..<h).map { clamp(Double(section.y0 + $0), yNodes) }
        // Pass 1: each node row splined along x at every pixel column → ny × w.
        var rows = [Double](repeating: 0, count: ny * w)
        for j in 0..<ny {
            let spline = try! Interpolator(x: xNodes, y: Array(values[(j * nx)..<((j + 1) * nx)]),
                                           method: .naturalCubicSpline)
            let v = try! spline.evaluate(xs)
            rows.replaceSubrange((j * w)..<((j + 1) * w), with: v)
        }
        // Pass 2: each pixel column splined along y through its ny values.
        var column = [Double](repeating: 0, count: ny)
        out.values.withUnsafeMutableBufferPointer { o in
            for i in 0..<w {
                for j in 0..<ny { column[j] = rows[j * w + i] }
                let spline = try! Interpolator(x: yNodes, y: column, method: .naturalCubicSpline)
                let v = try! spline.evaluate(ys)
                for r in 0..<h { o[r * w + i] = Float(v[r]) }
            }
        }
        return out
    }
}

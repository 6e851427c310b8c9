/// Pixel arithmetic on one science extension, propagating variance for uncorrelated errors
/// and combining DQ bitmasks with OR:
///
/// | operation | variance of the result |
/// |---|---|
/// | a ± b | σa² + σb² |
/// | a · b | b²σa² + a²σb² |
/// | a / b | σa²/b² + a²σb²/b⁴ |
/// | a · k, a / k (scalar) | k²σa², σa²/k² |
///
/// An operand without a VAR plane counts as exact (zero variance); the result has a VAR plane
/// when either operand has one. Likewise for DQ.
public enum ArithmeticOperation: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"

    @inline(__always)
    func apply(_ a: Float, _ b: Float) -> Float {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        }
    }

    /// Variance of `a op b` from the values and variances of the operands.
    @inline(__always)
    func variance(_ a: Float, _ va: Float, _ b: Float, _ vb: Float) -> Float {
        switch self {
        case .add, .subtract: return va + vb
        case .multiply: return b * b * va + a * a * vb
        case .divide:
            let b2 = b * b
            return va / b2 + a * a * vb / (b2 * b2)
        }
    }
}

public enum ArithmeticError: Error, Sendable, CustomStringConvertible {
    case extensionCountMismatch(Int, Int)
    case shapeMismatch(extension: Int, [Int], [Int])

    public var description: String {
        switch self {
        case .extensionCountMismatch(let a, let b):
            return "cannot combine a dataset of \(a) extensions with one of \(b)"
        case .shapeMismatch(let i, let a, let b):
            return "cannot combine extension \(i): shapes \(a) and \(b) differ"
        }
    }
}

extension ScienceExtension {
    /// This extension combined pixel by pixel with another of the same shape.
    public func combined(_ op: ArithmeticOperation, with other: ScienceExtension,
                         index: Int = 0) throws -> ScienceExtension {
        guard shape == other.shape else { throw ArithmeticError.shapeMismatch(extension: index, shape, other.shape) }
        let a = try science(), b = try other.science()
        let va = try variance(), vb = try other.variance()
        var out = a
        var outVariance: PixelArray<Float>? = (va != nil || vb != nil) ? a : nil
        out.values.withUnsafeMutableBufferPointer { o in
            a.values.withUnsafeBufferPointer { x in
                b.values.withUnsafeBufferPointer { y in
                    for i in 0..<o.count { o[i] = op.apply(x[i], y[i]) }
                }
            }
        }
        if outVariance != nil {
            let zeros = [Float](repeating: 0, count: a.values.count)
            let vx = va?.values ?? zeros, vy = vb?.values ?? zeros
            outVariance!.values.withUnsafeMutableBufferPointer { o in
                for i in 0..<o.count {
                    o[i] = max(0, op.variance(a.values[i], vx[i], b.values[i], vy[i]))
                }
            }
        }
        let dq = try Self.orQuality(try dataQuality(), try other.dataQuality())
        return ScienceExtension(header: header, science: out, variance: outVariance, dataQuality: dq)
    }

    /// This extension combined with a scalar (an exact number).
    public func combined(_ op: ArithmeticOperation, with k: Float) throws -> ScienceExtension {
        var out = try science()
        out.values.withUnsafeMutableBufferPointer { o in
            for i in 0..<o.count { o[i] = op.apply(o[i], k) }
        }
        var v = try variance()
        if v != nil {
            let factor: Float
            switch op {
            case .add, .subtract: factor = 1
            case .multiply: factor = k * k
            case .divide: factor = 1 / (k * k)
            }
            v!.values.withUnsafeMutableBufferPointer { o in
                for i in 0..<o.count { o[i] *= factor }
            }
        }
        return ScienceExtension(header: header, science: out, variance: v, dataQuality: try dataQuality())
    }

    static func orQuality(_ a: PixelArray<UInt16>?, _ b: PixelArray<UInt16>?) throws -> PixelArray<UInt16>? {
        guard let a else { return b }
        guard let b else { return a }
        var out = a
        for i in out.values.indices { out.values[i] |= b.values[i] }
        return out
    }
}

extension AstroData {
    /// The dataset combined extension by extension with another of the same layout.
    public func combined(_ op: ArithmeticOperation, with other: AstroData) throws -> AstroData {
        guard extensions.count == other.extensions.count else {
            throw ArithmeticError.extensionCountMismatch(extensions.count, other.extensions.count)
        }
        var result = self
        result.extensions = try extensions.indices.map { i in
            try extensions[i].combined(op, with: other.extensions[i], index: i)
        }
        return result
    }

    /// The dataset combined with a scalar.
    public func combined(_ op: ArithmeticOperation, with k: Float) throws -> AstroData {
        var result = self
        result.extensions = try extensions.map { try $0.combined(op, with: k) }
        return result
    }

    public static func + (l: AstroData, r: AstroData) throws -> AstroData { try l.combined(.add, with: r) }
    public static func - (l: AstroData, r: AstroData) throws -> AstroData { try l.combined(.subtract, with: r) }
    public static func * (l: AstroData, r: AstroData) throws -> AstroData { try l.combined(.multiply, with: r) }
    public static func / (l: AstroData, r: AstroData) throws -> AstroData { try l.combined(.divide, with: r) }
    public static func + (l: AstroData, k: Float) throws -> AstroData { try l.combined(.add, with: k) }
    public static func - (l: AstroData, k: Float) throws -> AstroData { try l.combined(.subtract, with: k) }
    public static func * (l: AstroData, k: Float) throws -> AstroData { try l.combined(.multiply, with: k) }
    public static func / (l: AstroData, k: Float) throws -> AstroData { try l.combined(.divide, with: k) }
}

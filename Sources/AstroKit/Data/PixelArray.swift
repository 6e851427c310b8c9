/// An n-dimensional array of pixels in FITS order: `shape` is [NAXIS1, NAXIS2, ...] and
/// `values` is stored with x (NAXIS1) varying fastest, exactly as FITS stores it.
///
/// ```swift
/// var frame = PixelArray<Float>(width: 4, height: 3, repeating: 0)
/// frame[2, 1] = 7          // x = 2, y = 1 (0-based)
/// frame.values[1 * 4 + 2]  // 7
/// ```
public struct PixelArray<Element: Sendable>: Sendable {
    public var shape: [Int]
    public var values: [Element]

    /// Wraps `values`; their count must be the product of `shape`.
    public init(shape: [Int], values: [Element]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative axis length in \(shape)")
        precondition(values.count == shape.reduce(1, *),
                     "\(values.count) values do not fill shape \(shape)")
        self.shape = shape
        self.values = values
    }

    /// A 2-D array filled with one value.
    public init(width: Int, height: Int, repeating value: Element) {
        self.init(shape: [width, height], values: Array(repeating: value, count: width * height))
    }

    /// NAXIS1 (0 for an array with no axes).
    public var width: Int { shape.first ?? 0 }
    /// NAXIS2 (1 for a 1-D array, 0 for an array with no axes).
    public var height: Int { shape.count >= 2 ? shape[1] : (shape.isEmpty ? 0 : 1) }
    public var count: Int { values.count }

    /// The pixel at column `x`, row `y` (0-based) of a 2-D array, or of the first plane.
    public subscript(x: Int, y: Int) -> Element {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "(\(x), \(y)) outside \(shape)")
            return values[y * width + x]
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "(\(x), \(y)) outside \(shape)")
            values[y * width + x] = newValue
        }
    }
}

extension PixelArray: Equatable where Element: Equatable {}
extension PixelArray: Hashable where Element: Hashable {}

/// Pixel-wise combination of N images of the same shape (vison `CCDPile.stack`, used for
/// master bias, dark and flat): at every pixel, the median or mean over the images whose
/// pixel is valid (not masked, not NaN), and the std (ddof 0) of those values.
///
/// ```swift
/// let master = PixelStack.combine(biasFrames, masks: dqPlanes, method: .median)
/// master.value    // the STACK extension
/// master.std      // the STD extension
/// master.count    // valid inputs per pixel; 0 where every input was masked (value NaN)
/// ```
///
/// vison's numpy masked-array median and std give the same numbers; there is no sigma
/// clipping, as in vison.
public enum PixelStack {
    public enum Method: Sendable, Hashable { case mean, median }

    public struct Result: Sendable {
        public var value: PixelArray<Float>
        public var std: PixelArray<Float>
        public var count: PixelArray<UInt16>
    }

    public static func combine(_ images: [PixelArray<Float>], masks: [PixelArray<UInt16>?]? = nil,
                               excludedBits: UInt16 = .max, method: Method) -> Result {
        precondition(!images.isEmpty, "nothing to stack")
        precondition(images.count <= Int(UInt16.max), "too many images for a UInt16 count")
        let shape = images[0].shape
        precondition(images.allSatisfy { $0.shape == shape }, "images differ in shape")
        precondition(masks == nil || masks!.count == images.count, "one mask (or nil) per image")
        precondition(masks?.allSatisfy { $0 == nil || $0!.shape == shape } ?? true, "mask shape differs")
        let n = images.count
        let pixels = images[0].count
        var value = [Float](repeating: .nan, count: pixels)
        var std = [Float](repeating: .nan, count: pixels)
        var count = [UInt16](repeating: 0, count: pixels)
        // Row by row (as vison): copy row y of every input into one contiguous block, so the
        // per-pixel loop reads plain memory instead of N separately retained arrays.
        let width = max(shape.first ?? 1, 1)
        let rows = pixels / width
        var block = [Float](repeating: 0, count: n * width)
        var blockMask = [UInt16](repeating: 0, count: n * width)
        var column = [Float](repeating: 0, count: n)
        for y in 0..<rows {
            let start = y * width
            for i in 0..<n {
                images[i].values.withUnsafeBufferPointer { src in
                    block.withUnsafeMutableBufferPointer { dst in
                        for x in 0..<width { dst[i * width + x] = src[start + x] }
                    }
                }
                if let m = masks?[i] {
                    m.values.withUnsafeBufferPointer { src in
                        blockMask.withUnsafeMutableBufferPointer { dst in
                            for x in 0..<width { dst[i * width + x] = src[start + x] }
                        }
                    }
                }
            }
            block.withUnsafeBufferPointer { block in
                blockMask.withUnsafeBufferPointer { blockMask in
                    column.withUnsafeMutableBufferPointer { column in
                        for x in 0..<width {
                            var k = 0
                            for i in 0..<n {
                                let v = block[i * width + x]
                                if blockMask[i * width + x] & excludedBits != 0 || v.isNaN { continue }
                                column[k] = v
                                k += 1
                            }
                            let p = start + x
                            count[p] = UInt16(k)
                            guard k > 0 else { continue }
                            var sum = 0.0
                            for i in 0..<k { sum += Double(column[i]) }
                            let mean = sum / Double(k)
                            var ss = 0.0
                            for i in 0..<k { let d = Double(column[i]) - mean; ss += d * d }
                            std[p] = Float((ss / Double(k)).squareRoot())
                            switch method {
                            case .mean: value[p] = Float(mean)
                            case .median:
                                value[p] = Float(Selection.median(UnsafeMutableBufferPointer(rebasing: column[0..<k])))
                            }
                        }
                    }
                }
            }
        }
        return Result(value: PixelArray(shape: shape, values: value), std: PixelArray(shape: shape, values: std),
                      count: PixelArray(shape: shape, values: count))
    }
}

/// Pixel-wise combination of N images already in memory (vison `CCDPile.stack`, used for
/// master bias, dark and flat): at every pixel, the median or mean over the images whose
/// pixel is valid (not masked, not NaN), and the std (ddof 0) of those values.
///
/// ```swift
/// let master = try PixelStack.combine(biasFrames, masks: dqPlanes, method: .median)
/// master.value    // the STACK extension
/// master.std      // the STD extension
/// master.count    // valid inputs per pixel; 0 where every input was masked (value NaN)
/// ```
///
/// vison's numpy masked-array median and std give the same numbers; there is no sigma
/// clipping, as in vison. This is `FrameStacker` over in-memory sources; frames on disk should
/// go to `FrameStacker` directly, which streams them within a memory budget.
public enum PixelStack {
    public typealias Method = StackingOptions.Method

    public struct Result: Sendable {
        public var value: PixelArray<Float>
        public var std: PixelArray<Float>
        public var count: PixelArray<UInt16>
    }

    public static func combine(_ images: [PixelArray<Float>], masks: [PixelArray<UInt16>?]? = nil,
                               excludedBits: UInt16 = .max, method: Method) throws -> Result {
        precondition(masks == nil || masks!.count == images.count, "one mask (or nil) per image")
        let sources: [any RowSource] = images.enumerated().map { i, image in
            let source = MemoryRowSource(image, name: "image \(i)")
            guard let mask = masks?[i] else { return source }
            precondition(mask.shape == image.shape, "mask shape differs")
            // Masked pixels become NaN, which the stacker leaves out.
            return TransformedRowSource(source) { rows, width, band in
                let start = rows.lowerBound * width
                mask.values.withUnsafeBufferPointer { bits in
                    for i in 0..<band.count where bits[start + i] & excludedBits != 0 { band[i] = .nan }
                }
            }
        }
        let result = try FrameStacker.stack(sources, options: StackingOptions(method: method, memoryBudget: .max / 2))
        return Result(value: result.stack, std: result.standardDeviation, count: result.usedCount)
    }
}

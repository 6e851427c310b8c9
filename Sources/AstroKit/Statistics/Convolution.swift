/// 2-D discrete convolution with zero padding, output the size of the input
/// (scipy.signal.convolve2d(image, kernel, mode='same')), for the small kernels of the
/// brighter-fatter analysis (G15 Eq. 11 on 51×51 images).
///
/// ```swift
/// let blurred = Convolution.same(image, kernel)   // PixelArray<Double>, image.shape
/// ```
///
/// Direct summation, O(N·K): right for kernels of a few pixels; large kernels would want an FFT.
public enum Convolution {
    /// out(x, y) = Σ_{i,j} kernel(i, j) · image(x + cx − i, y + cy − j), with the kernel
    /// origin cx = (kw − 1)/2, cy = (kh − 1)/2 (rounded down), which is how scipy centres
    /// 'same' within the 'full' result, and image pixels outside the array taken as 0.
    public static func same(_ image: PixelArray<Double>, _ kernel: PixelArray<Double>) -> PixelArray<Double> {
        precondition(image.shape.count == 2 && kernel.shape.count == 2, "2-D arrays expected")
        let w = image.width, h = image.height
        let kw = kernel.width, kh = kernel.height
        let cx = (kw - 1) / 2, cy = (kh - 1) / 2
        var out = PixelArray<Double>(width: w, height: h, repeating: 0)
        image.values.withUnsafeBufferPointer { img in
            kernel.values.withUnsafeBufferPointer { k in
                out.values.withUnsafeMutableBufferPointer { o in
                    for y in 0..<h {
                        for x in 0..<w {
                            var sum = 0.0
                            for j in 0..<kh {
                                let sy = y + cy - j
                                guard sy >= 0 && sy < h else { continue }
                                for i in 0..<kw {
                                    let sx = x + cx - i
                                    guard sx >= 0 && sx < w else { continue }
                                    sum += k[j * kw + i] * img[sy * w + sx]
                                }
                            }
                            o[y * w + x] = sum
                        }
                    }
                }
            }
        }
        return out
    }
}

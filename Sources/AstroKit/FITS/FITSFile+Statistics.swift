import CFITSIO

extension FITSFile {
    /// Pixels per chunk when streaming statistics: 8 MB of doubles, whatever the image size.
    static let statisticsChunk = 1 << 20

    /// Statistics over the physical values of an image HDU, streamed in chunks of doubles.
    ///
    /// CFITSIO's null flags (`ffgpf`) tell undefined pixels apart: for integer data they are
    /// BLANK pixels (`blankCount`), for floating-point data NaN/Inf (`nanCount`).
    ///
    /// ```swift
    /// let stats = try file.statistics(hdu: 0)
    /// print(stats.validCount, stats.min ?? .nan, stats.mean ?? .nan)
    /// ```
    public func statistics(hdu: Int) throws -> ImageStatistics {
        try pixelOperation {
            let operation = "cannot compute statistics of"
            let axes = try imageAxes(hdu: hdu, for: operation)
            let floatingData = try imageParameters(hdu: hdu).0 < 0
            let total = axes.reduce(1, *)
            let chunk = min(total, Self.statisticsChunk)
            var values = [Double](repeating: 0, count: chunk)
            var flags = [CChar](repeating: 0, count: chunk)
            var undefined = 0, nonFinite = 0, valid = 0
            var low = Double.infinity, high = -Double.infinity
            var sum = 0.0, compensation = 0.0   // Neumaier summation: exact to the last bits
            var first = 0
            while first < total {
                let count = min(chunk, total - first)
                var anyUndefined: Int32 = 0
                try call(hdu: hdu, operation) { status in
                    ffgpf(handle, Int32(TDOUBLE), LONGLONG(first + 1), LONGLONG(count), &values,
                          &flags, &anyUndefined, &status)
                }
                for i in 0..<count {
                    if anyUndefined != 0, flags[i] != 0 { undefined += 1; continue }
                    let v = values[i]
                    guard v.isFinite else { nonFinite += 1; continue }
                    valid += 1
                    if v < low { low = v }
                    if v > high { high = v }
                    let t = sum + v
                    compensation += abs(sum) >= abs(v) ? (sum - t) + v : (v - t) + sum
                    sum = t
                }
                first += count
            }
            // CFITSIO flags NaN/Inf in floating-point data as undefined too: those are NaNs.
            let blanks = floatingData ? 0 : undefined
            let nans = floatingData ? undefined + nonFinite : nonFinite
            return ImageStatistics(count: total, validCount: valid, blankCount: blanks,
                                   nanCount: nans, min: valid > 0 ? low : nil,
                                   max: valid > 0 ? high : nil, sum: sum + compensation)
        }
    }
}

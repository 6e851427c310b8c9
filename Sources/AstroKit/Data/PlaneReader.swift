/// Reads whole pixel planes for lazily loaded extensions.
enum PlaneReader {
    static func float(path: String, hdu: Int) throws -> PixelArray<Float> {
        let file = try FITSFile.open(path)
        return try file.readImage(hdu: hdu, as: Float.self).pixels
    }

    /// DQ planes are small integers; they are read as doubles and narrowed, refusing values
    /// a 16-bit mask cannot hold.
    static func quality(path: String, hdu: Int) throws -> PixelArray<UInt16> {
        let file = try FITSFile.open(path)
        let plane = try file.readImage(hdu: hdu, as: Double.self).pixels
        var values = [UInt16](repeating: 0, count: plane.values.count)
        for i in plane.values.indices {
            let v = plane.values[i]
            guard v.isFinite, v >= 0, v <= 65535 else {
                throw FITSError(path: path, hdu: hdu, operation: "cannot read the DQ plane in", status: 0,
                                message: "pixel \(i) holds \(v), which is not a 16-bit data-quality mask value")
            }
            values[i] = UInt16(v)
        }
        return PixelArray(shape: plane.shape, values: values)
    }
}

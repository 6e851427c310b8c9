import CFITSIO

extension FITSFile {
    /// Reads a whole image as any storable pixel type, converted by CFITSIO from the physical
    /// values, without undefined-pixel handling: integer BLANK pixels keep their BLANK value.
    /// Meant for masks and for raw integer frames, e.g. unsigned 16-bit counts as `UInt16`.
    ///
    /// ```swift
    /// let raw = try file.readPixels(hdu: 1, as: UInt16.self)   // BITPIX 16 + BZERO 32768
    /// ```
    public func readPixels<P: FITSStorablePixel>(hdu: Int, as type: P.Type) throws -> PixelArray<P> {
        var pixels = PixelArray<P>(shape: [0], values: [])
        try readPixels(hdu: hdu, into: &pixels)
        return pixels
    }

    /// The same into `pixels`, whose storage is reused when it already holds as many pixels:
    /// a worker reading hundreds of frames of one size allocates (and page-faults) once.
    ///
    /// ```swift
    /// var raw = PixelArray<UInt16>(width: 0, height: 0, repeating: 0)
    /// for path in paths { try FITSFile.open(path).readPixels(hdu: 1, into: &raw) }
    /// ```
    public func readPixels<P: FITSStorablePixel>(hdu: Int, into pixels: inout PixelArray<P>) throws {
        try pixelOperation {
            let operation = "cannot read the pixels of"
            let axes = try imageAxes(hdu: hdu, for: operation)
            let count = axes.reduce(1, *)
            var values: [P] = []
            swap(&values, &pixels.values)
            if values.count != count {
                values = [P](unsafeUninitializedCapacity: count) { buffer, initialized in
                    UnsafeMutableRawBufferPointer(buffer).initializeMemory(as: UInt8.self, repeating: 0)
                    initialized = count
                }
            }
            defer { pixels = PixelArray(shape: axes, values: values) }
            try values.withUnsafeMutableBytes { raw in
                var anyUndefined: Int32 = 0
                try call(hdu: hdu, operation) { status in
                    ffgpv(handle, P.cfitsioDatatype, 1, LONGLONG(count), nil, raw.baseAddress,
                          &anyUndefined, &status)
                }
            }
        }
    }
}

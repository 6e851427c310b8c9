import CFITSIO

extension FITSWriter {
    /// Adds an image: the primary HDU when nothing has been written yet, else an IMAGE
    /// extension. `shape` is in FITS order [NAXIS1, NAXIS2, ...], `pixels` x fastest.
    ///
    /// ```swift
    /// try writer.addImage(frame.values, shape: frame.shape, header: header, extname: "SCI")
    /// ```
    public func addImage<P: FITSStorablePixel>(_ pixels: [P], shape: [Int],
                                               header: FITSHeader = FITSHeader(),
                                               extname: String? = nil) throws {
        // The writer's temporary file is its own: pixels and checksums are written without
        // the process-wide lock, so several products can be written at once.
        try {
            let hdu = hduCount
            let operation = "cannot write the image of"
            guard shape.allSatisfy({ $0 >= 0 }), pixels.count == shape.reduce(1, *) else {
                throw failure("\(pixels.count) pixels do not fill shape \(shape)", hdu: hdu,
                              operation: operation)
            }
            let handle = try openHandle(for: operation)
            var axes = shape.map { LONGLONG($0) }
            try call(hdu: hdu, operation) { status in
                ffcrimll(handle, P.cfitsioImageType, Int32(axes.count), &axes, &status)
            }
            if !pixels.isEmpty {
                try pixels.withUnsafeBufferPointer { buffer in
                    try call(hdu: hdu, operation) { status in
                        // CFITSIO only reads from the buffer; its C signature is not const.
                        ffppr(handle, P.cfitsioDatatype, 1, LONGLONG(buffer.count),
                              UnsafeMutableRawPointer(mutating: buffer.baseAddress), &status)
                    }
                }
            }
            try finishHDU(header: header, extname: extname)
        }()
    }

    /// Adds an image from a `PixelArray`; see `addImage(_:shape:header:extname:)`.
    public func addImage<P: FITSStorablePixel>(_ image: PixelArray<P>,
                                               header: FITSHeader = FITSHeader(),
                                               extname: String? = nil) throws {
        try addImage(image.values, shape: image.shape, header: header, extname: extname)
    }
}

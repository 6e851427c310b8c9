import CFITSIO
import Foundation

extension FITSFile {
    /// Reads an image HDU (primary, image extension or tile-compressed image) as physical
    /// values, optionally only a 2-D `section` of it.
    ///
    /// A section read uses CFITSIO's subset read (`ffgsv`): only the rows (or tiles) that
    /// intersect the section are read from the file.
    ///
    /// ```swift
    /// let bias = try file.readImage(hdu: 1, as: Float.self,
    ///                               section: Section(x0: 2048, x1: 2080, y0: 0, y1: 4096))
    /// bias.pixels.shape   // [32, 4096]
    /// ```
    public func readImage<T: FITSFloatingPixel>(hdu: Int, as type: T.Type,
                                                section: Section? = nil) throws -> ImageRead<T> {
        try pixelOperation {
            let operation = "cannot read the pixels of"
            let axes = try imageAxes(hdu: hdu, for: operation)
            guard let section else {
                let count = axes.reduce(1, *)
                let blanks = try withRead(count: count) { (buffer: UnsafeMutableBufferPointer<T>) in
                    try readContiguous(hdu: hdu, first: 0, into: buffer, for: operation)
                }
                return ImageRead(pixels: PixelArray(shape: axes, values: blanks.values),
                                 blankCount: blanks.undefined)
            }
            let width = try planeWidth(axes, hdu: hdu, for: operation)
            let height = axes[1]
            guard !section.isEmpty, section.x0 >= 0, section.y0 >= 0,
                  section.x1 <= width, section.y1 <= height else {
                throw FITSError(path: path, hdu: hdu, operation: operation, status: 0,
                                message: "section \(section.iraf) is empty or outside the image [1:\(width),1:\(height)]")
            }
            // 1-based inclusive corners; axes beyond the second have length 1.
            var first = [Int](repeating: 1, count: axes.count)
            var last = [Int](repeating: 1, count: axes.count)
            (first[0], first[1]) = (section.x0 + 1, section.y0 + 1)
            (last[0], last[1]) = (section.x1, section.y1)
            var step = [Int](repeating: 1, count: axes.count)
            let read = try withRead(count: section.area) { (buffer: UnsafeMutableBufferPointer<T>) in
                var nan = T.nan
                var anyUndefined: Int32 = 0
                try withUnsafeMutablePointer(to: &nan) { undefinedValue in
                    try call(hdu: hdu, operation) { status in
                        ffgsv(handle, T.cfitsioDatatype, &first, &last, &step, undefinedValue,
                              buffer.baseAddress, &anyUndefined, &status)
                    }
                }
                return anyUndefined != 0 ? buffer.count(where: { $0.isNaN }) : 0
            }
            return ImageRead(pixels: PixelArray(shape: [section.width, section.height],
                                                values: read.values),
                             blankCount: read.undefined)
        }
    }

    /// Streams whole rows of a 2-D image into caller-owned memory, so that a large frame can
    /// be processed band by band without a second copy. Returns the number of undefined pixels
    /// (now NaN) among those read.
    ///
    /// ```swift
    /// var band = [Float](repeating: 0, count: 4238 * 256)
    /// try band.withUnsafeMutableBufferPointer { try file.readRows(hdu: 1, rows: 0..<256, into: $0) }
    /// ```
    @discardableResult
    public func readRows<T: FITSFloatingPixel>(hdu: Int, rows: Range<Int>,
                                               into buffer: UnsafeMutableBufferPointer<T>) throws -> Int {
        try pixelOperation {
            let operation = "cannot read rows of"
            let axes = try imageAxes(hdu: hdu, for: operation)
            let width = try planeWidth(axes, hdu: hdu, for: operation)
            let count = rows.count * width
            guard rows.lowerBound >= 0, rows.upperBound <= axes[1], buffer.count >= count else {
                throw FITSError(path: path, hdu: hdu, operation: operation, status: 0,
                                message: "rows \(rows) of a \(width) x \(axes[1]) image do not fit a buffer of \(buffer.count) pixels")
            }
            guard count > 0 else { return 0 }
            let target = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
            return try readContiguous(hdu: hdu, first: rows.lowerBound * width, into: target,
                                      for: operation)
        }
    }

    /// Reads `buffer.count` pixels from 0-based pixel offset `first` in one CFITSIO call,
    /// undefined pixels as NaN; returns how many were undefined.
    private func readContiguous<T: FITSFloatingPixel>(hdu: Int, first: Int,
                                                      into buffer: UnsafeMutableBufferPointer<T>,
                                                      for operation: String) throws -> Int {
        var nan = T.nan
        var anyUndefined: Int32 = 0
        try withUnsafeMutablePointer(to: &nan) { undefinedValue in
            try call(hdu: hdu, operation) { status in
                ffgpv(handle, T.cfitsioDatatype, LONGLONG(first + 1), LONGLONG(buffer.count),
                      undefinedValue, buffer.baseAddress, &anyUndefined, &status)
            }
        }
        return anyUndefined != 0 ? buffer.count(where: { $0.isNaN }) : 0
    }

    private func withRead<T: FITSFloatingPixel>(
        count: Int, _ fill: (UnsafeMutableBufferPointer<T>) throws -> Int
    ) throws -> (values: [T], undefined: Int) {
        var undefined = 0
        let values = try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            // A byte fill (0.0 is all zero bits): the generic initialize(repeating:) ran element
            // by element through value witnesses, a tenth of the time of reading a VIS frame.
            if let base = buffer.baseAddress { memset(base, 0, count * MemoryLayout<T>.stride) }
            initialized = count
            undefined = try fill(buffer)
        }
        return (values, undefined)
    }

    /// The axes of an image HDU that has pixels; refuses tables, random groups, empty HDUs.
    func imageAxes(hdu: Int, for operation: String) throws -> [Int] {
        let type = try moveTo(hdu: hdu, for: operation)
        var status: Int32 = 0
        let isImage = type == IMAGE_HDU || fits_is_compressed_image(handle, &status) != 0
        try CFITSIOStatus.check(status, path: path, hdu: hdu, operation: operation)
        let axes = try imageParameters(hdu: hdu).1
        var groups: Int32 = 0
        if hdu == 0, isImage {
            var value: Int32 = 0
            ffgkyl(handle, "GROUPS", &value, nil, &status)
            if status == 0 { groups = value } else { status = 0; CFITSIOStatus.clearStack() }
        }
        guard isImage, groups == 0, !axes.isEmpty, axes.allSatisfy({ $0 > 0 }) else {
            throw FITSError(path: path, hdu: hdu, operation: operation, status: 0,
                            message: "the HDU holds no image pixels")
        }
        return axes
    }

    /// NAXIS1 of an image that is 2-D (any further axes of length 1).
    private func planeWidth(_ axes: [Int], hdu: Int, for operation: String) throws -> Int {
        guard axes.count >= 2, axes.dropFirst(2).allSatisfy({ $0 == 1 }) else {
            throw FITSError(path: path, hdu: hdu, operation: operation, status: 0,
                            message: "the image has axes \(axes), not two")
        }
        return axes[0]
    }
}
